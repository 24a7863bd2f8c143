import Foundation

/// The writes a server acknowledged (answered 2xx), by kind, in the order the
/// answers came; a write without an answer is not here, whatever happened to it.
actor Acknowledged {
    enum Kind: String, CaseIterable, Sendable {
        case learner, observation, decision, signoff
    }

    private(set) var ids: [Kind: [String]] = [:]
    private(set) var attempts = 0

    func attempted() { attempts += 1 }

    func record(_ kind: Kind, _ id: String?) {
        guard let id else { return }
        ids[kind, default: []].append(id)
    }

    func count(_ kind: Kind) -> Int { ids[kind]?.count ?? 0 }
    var total: Int { ids.values.reduce(0) { $0 + $1.count } }
    func snapshot() -> [Kind: [String]] { ids }
}
