/// All orderings of a list, starting from the sorted list and moving by one
/// adjacent swap at a time (the Steinhaus–Johnson–Trotter order).
///
/// RDFC-1.0 may examine permutations in any order; starting sorted and using
/// this order makes the issued identifier map agree with other
/// implementations when several permutations tie.
struct Permutations {
    private var current: [String]
    /// `true` when the element at the same position points left.
    private var pointsLeft: [Bool]
    private var done = false

    init(_ items: [String]) {
        current = items.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        pointsLeft = Array(repeating: true, count: items.count)
    }

    mutating func next() -> [String]? {
        guard !done else { return nil }
        let result = current
        // Find the largest "mobile" element: one larger than the neighbour it points at.
        var mobile: Int? = nil
        for i in current.indices {
            let target = pointsLeft[i] ? i - 1 : i + 1
            guard target >= 0, target < current.count, greater(current[i], current[target]) else { continue }
            if let m = mobile, !greater(current[i], current[m]) { continue }
            mobile = i
        }
        if let m = mobile {
            let target = pointsLeft[m] ? m - 1 : m + 1
            let moved = current[m]
            current.swapAt(m, target)
            pointsLeft.swapAt(m, target)
            for i in current.indices where greater(current[i], moved) { pointsLeft[i].toggle() }
        } else {
            done = true
        }
        return result
    }

    private func greater(_ a: String, _ b: String) -> Bool {
        b.utf8.lexicographicallyPrecedes(a.utf8)
    }
}
