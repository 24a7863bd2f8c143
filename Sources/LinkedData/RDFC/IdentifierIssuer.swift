/// RDFC-1.0's identifier issuer: hands out `prefix0`, `prefix1`, … to blank
/// nodes in the order it first sees them and remembers what it issued.
///
/// A value type, because the algorithm keeps copying issuers while it tries
/// permutations.
struct IdentifierIssuer {
    let prefix: String
    private(set) var counter = 0
    private(set) var issued: [String: String] = [:]
    /// Existing identifiers in the order they were issued.
    private(set) var order: [String] = []

    init(prefix: String) {
        self.prefix = prefix
    }

    /// The identifier issued for `existing`, issuing a new one if needed.
    @discardableResult
    mutating func issue(_ existing: String) -> String {
        if let id = issued[existing] { return id }
        let id = prefix + String(counter)
        counter += 1
        issued[existing] = id
        order.append(existing)
        return id
    }

    func identifier(for existing: String) -> String? { issued[existing] }
}
