/// RDFC-1.0's temporary identifier issuer (prefix `b`): numbers blank nodes
/// in the order it first sees them and remembers what it issued.
///
/// A value type, because the algorithm copies issuers while it tries
/// permutations; blank nodes are the canonicalizer's internal numbers.
struct TemporaryIssuer {
    private var issued: [Int: Int] = [:]
    /// Blank nodes in the order their identifiers were issued.
    private(set) var order: [Int] = []

    /// The number of `node`'s identifier (`b0`, `b1`, …), issuing one if needed.
    @discardableResult
    mutating func issue(_ node: Int) -> Int {
        if let id = issued[node] { return id }
        let id = order.count
        issued[node] = id
        order.append(node)
        return id
    }

    func identifier(for node: Int) -> Int? { issued[node] }
}
