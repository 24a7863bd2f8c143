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
    /// row y is dark when `isDark(x, y)`; see `init(size:lightBorder:modules:)`.
    init(size: Int, lightBorder: Int = 4, isDark: (Int, Int) -> Bool) {
        var modules: [Bool] = []
        modules.reserveCapacity(size * size)
        for y in 0..<size {
            for x in 0..<size { modules.append(isDark(x, y)) }
        }
        self.init(size: size, lightBorder: lightBorder, modules: modules)
    }

    /// The penalty of a square symbol given row by row (`size × size`
    /// modules, true for dark). Finder-like patterns may take their four
    /// light modules from the quiet zone: `lightBorder` modules of light are
    /// assumed beyond each edge (the quiet zone is 4; the standard does not
    /// say, and 0 is how some encoders read it).
    init(size: Int, lightBorder: Int = 4, modules: [Bool]) {
        precondition(modules.count == size * size, "modules do not make a square of this size")
        var runs = 0, finderLike = 0
        var line = [Bool](repeating: false, count: size)
        for index in 0..<size {
            for step in 0..<size { line[step] = modules[index * size + step] }
            runs += Self.runPenalty(line)
            finderLike += Self.finderLikePenalty(line, lightBorder: lightBorder)
            for step in 0..<size { line[step] = modules[step * size + index] }
            runs += Self.runPenalty(line)
            finderLike += Self.finderLikePenalty(line, lightBorder: lightBorder)
        }
        var squares = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if modules[y * size + x + 1] == colour && modules[(y + 1) * size + x] == colour
                    && modules[(y + 1) * size + x + 1] == colour {
                    squares += 1
                }
            }
        }
        let darkCount = modules.count(where: { $0 })
        let total = size * size
        self.runs = runs
        self.finderLike = finderLike
        blocks = 3 * squares
        balance = 10 * (abs(20 * darkCount - 10 * total) / total)
    }

    static func runPenalty(_ line: [Bool]) -> Int {
        var penalty = 0
        var length = 0
        for index in line.indices {
            length = index > 0 && line[index] == line[index - 1] ? length + 1 : 1
            // A run scores 3 once it reaches five modules, one more per module after.
            if length == 5 { penalty += 3 } else if length > 5 { penalty += 1 }
        }
        return penalty
    }

    /// 1011101 with four light modules after it, and before it, as the low
    /// 11 bits of a window where the newest module is the lowest bit.
    private static let lightAfter = 0b101_1101_0000
    private static let lightBefore = 0b000_0101_1101

    static func finderLikePenalty(_ line: [Bool], lightBorder: Int) -> Int {
        var penalty = 0
        var window = 0
        let length = line.count + 2 * lightBorder
        for position in 0..<length {
            let index = position - lightBorder
            let dark = line.indices.contains(index) && line[index]
            window = (window << 1 | (dark ? 1 : 0)) & 0x7FF
            guard position >= 10 else { continue }
            if window == Self.lightAfter { penalty += 40 }
            if window == Self.lightBefore { penalty += 40 }
        }
        return penalty
    }
}
