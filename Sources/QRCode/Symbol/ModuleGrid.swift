/// The square of modules being built, with a record of which modules belong
/// to function patterns (finders, separators, timing, alignment, format and
/// version information, the dark module) and so carry no data and are never
/// masked. Coordinates are x = column, y = row, (0, 0) the top-left module.
struct ModuleGrid: Sendable, Hashable {
    let version: SymbolVersion
    let size: Int
    private(set) var dark: [Bool]
    private(set) var isFunction: [Bool]

    /// A grid of `version` with every function pattern drawn, the version
    /// information included, and the format information areas reserved
    /// (light until `drawFormat(correction:mask:)`).
    init(version: SymbolVersion) {
        self.version = version
        size = version.size
        dark = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        drawTiming()
        drawFinders()
        drawAlignments()
        drawFormat(bits: 0)
        setFunction(x: 8, y: size - 8, dark: true)
        drawVersionInformation()
    }

    subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

    func isFunction(x: Int, y: Int) -> Bool { isFunction[y * size + x] }

    mutating func setFunction(x: Int, y: Int, dark value: Bool) {
        dark[y * size + x] = value
        isFunction[y * size + x] = true
    }

    /// Writes a data module; the position must not be a function module.
    mutating func setData(x: Int, y: Int, dark value: Bool) {
        precondition(!isFunction[y * size + x], "data written over a function pattern")
        dark[y * size + x] = value
    }

    /// Flips every data module the mask selects.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && MaskPattern.selects(mask, x: x, y: y) {
                dark[y * size + x].toggle()
            }
        }
    }

    /// Draws both copies of the format information for this level and mask.
    mutating func drawFormat(correction: QRCode.ErrorCorrection, mask: Int) {
        drawFormat(bits: FormatInformation.formatBits(correction: correction, mask: mask))
    }

    // MARK: - Function patterns

    private mutating func drawTiming() {
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
    }

    /// The three finders with their light separators, clipped at the edges.
    private mutating func drawFinders() {
        for (centreX, centreY) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centreX + dx, y = centreY + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
                }
            }
        }
    }

    private mutating func drawAlignments() {
        let centres = version.alignmentCentres
        guard let first = centres.first, let last = centres.last else { return }
        for centreY in centres {
            for centreX in centres {
                // The three corners with a finder get no alignment pattern.
                let corner = (centreX == first || centreX == last) && (centreY == first || centreY == last)
                if corner && !(centreX == last && centreY == last) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    /// Bit 14 is the most significant. One copy wraps the top-left finder
    /// (skipping the timing row and column); the other is split between
    /// the top-right finder (bits 0–7) and the bottom-left one (bits 8–14).
    private mutating func drawFormat(bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0..<6 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }

        for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
    }

    /// From version 7: two 6×3 blocks, beside the top-right finder and
    /// (transposed) above the bottom-left one; bit 0 nearest the corner.
    private mutating func drawVersionInformation() {
        guard version.number >= 7 else { return }
        let bits = FormatInformation.versionBits(version: version.number)
        for index in 0..<18 {
            let value = (bits >> index) & 1 == 1
            let across = size - 11 + index % 3, along = index / 3
            setFunction(x: across, y: along, dark: value)
            setFunction(x: along, y: across, dark: value)
        }
    }
}
