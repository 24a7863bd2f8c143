/// The score ISO/IEC 18004 gives a masked symbol (lower is better); the
/// encoder keeps the mask with the lowest score. Each rule is a function of
/// its own so it can be checked on its own.
struct MaskPenalty: Sendable, Hashable {
    /// Runs of five or more modules of one colour in a row or column: 3 for
    /// five, one more for each module beyond.
    let runs: Int
    /// 3 for every 2×2 square of one colour (overlapping squares counted each).
    let blocks: Int
    /// 40 for every finder-like 1:1:3:1:1 dark-light-dark-light-dark run in a
    /// row or column with four light modules on one side (a run with light
    /// on both sides counts twice).
    let finderLike: Int
    /// 10 for every full 5 % that the share of dark modules is away from 50 %.
    let balance: Int

    var total: Int { runs + blocks + finderLike + balance }

    /// The penalty of the square symbol of `size` whose module at column x,
    /// row y is dark when `isDark(x, y)`. Finder-like patterns may take
    /// their four light modules from the quiet zone (`lightBorder` modules
    /// of light assumed beyond each edge; the quiet zone is 4).
    init(size: Int, lightBorder: Int = 4, isDark: (Int, Int) -> Bool) {
        var lines: [[Bool]] = []
        for y in 0..<size { lines.append((0..<size).map { isDark($0, y) }) }
        for x in 0..<size { lines.append((0..<size).map { isDark(x, $0) }) }
        runs = lines.reduce(0) { $0 + Self.runPenalty($1) }
        finderLike = lines.reduce(0) { $0 + Self.finderLikePenalty($1, lightBorder: lightBorder) }
        var squares = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = isDark(x, y)
                if isDark(x + 1, y) == colour && isDark(x, y + 1) == colour && isDark(x + 1, y + 1) == colour {
                    squares += 1
                }
            }
        }
        blocks = 3 * squares
        let darkCount = lines[0..<size].reduce(0) { $0 + $1.count(where: { $0 }) }
        let total = size * size
        balance = 10 * (abs(20 * darkCount - 10 * total) / total)
    }

    static func runPenalty(_ line: [Bool]) -> Int {
        var penalty = 0
        var start = 0
        while start < line.count {
            var end = start
            while end < line.count && line[end] == line[start] { end += 1 }
            if end - start >= 5 { penalty += end - start - 2 }
            start = end
        }
        return penalty
    }

    /// Dark-light-dark-dark-dark-light-dark with four light modules before or after.
    private static let patterns: [[Bool]] = {
        let core = [true, false, true, true, true, false, true]
        let light = [Bool](repeating: false, count: 4)
        return [light + core, core + light]
    }()

    static func finderLikePenalty(_ line: [Bool], lightBorder: Int) -> Int {
        let padding = [Bool](repeating: false, count: lightBorder)
        let padded = padding + line + padding
        var penalty = 0
        for start in 0..<max(0, padded.count - 10) {
            let window = padded[start..<(start + 11)]
            for pattern in patterns where window.elementsEqual(pattern) { penalty += 40 }
        }
        return penalty
    }
}
