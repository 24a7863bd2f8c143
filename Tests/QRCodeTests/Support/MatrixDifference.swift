/// Where two module matrices differ, put so a failing test says which
/// modules to look at rather than dumping two squares of bits.
struct MatrixDifference: CustomStringConvertible {
    let sizes: (Int, Int)
    /// (x, y) of the differing modules, row by row.
    let positions: [(x: Int, y: Int)]

    init(_ actual: [[Bool]], _ expected: [[Bool]]) {
        sizes = (actual.count, expected.count)
        var positions: [(x: Int, y: Int)] = []
        if actual.count == expected.count {
            for y in actual.indices where actual[y].count == expected[y].count {
                for x in actual[y].indices where actual[y][x] != expected[y][x] { positions.append((x, y)) }
            }
        }
        self.positions = positions
    }

    var isEmpty: Bool { sizes.0 == sizes.1 && positions.isEmpty }

    var description: String {
        if sizes.0 != sizes.1 { return "size \(sizes.0) instead of \(sizes.1)" }
        let shown = positions.prefix(12).map { "(\($0.x), \($0.y))" }.joined(separator: " ")
        return "\(positions.count) modules differ, at x, y: \(shown)\(positions.count > 12 ? " …" : "")"
    }
}
