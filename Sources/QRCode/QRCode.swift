// A QR code encoder written by hand: mentors sign off observations by
// scanning a link shown as a QR code, and no QR code package is available in
// the package mirror this project builds from. It follows ISO/IEC 18004
// (Model 2, versions 1–40) and depends on nothing, so others can adopt it.
// Its matrices are checked module for module against an independent
// implementation (see Tests/QRCodeTests).

/// A QR code symbol: a square of dark and light modules encoding some text
/// or bytes, ready to render.
///
/// ```swift
/// let code = try QRCode(encoding: "https://example.org/signoff/abc")
/// let svg = code.svg(moduleSize: 8)
/// ```
///
/// The encoder picks the most compact single mode for the text (numeric,
/// alphanumeric or byte with UTF-8, no ECI header), the smallest version
/// that holds it at the requested error correction level, and the mask
/// with the lowest penalty under the standard's four rules, ties going to
/// the lower mask reference. A finder-like pattern at the edge counts when
/// the quiet zone gives it its light side; encoders that read the rules
/// otherwise may pick another mask for the same text, and both symbols are
/// valid. Version and mask can be fixed instead. Equal inputs always give
/// equal symbols.
public struct QRCode: Sendable, Hashable {
    /// The version, 1...40; the symbol has `4 × version + 17` modules a side.
    public let version: Int
    /// The error correction level.
    public let correction: ErrorCorrection
    /// The data mask reference, 0...7.
    public let mask: Int
    /// The mode the data was encoded in.
    public let mode: Mode
    /// Row-major, `size × size`; true is dark.
    private let modules: [Bool]

    /// The number of modules on each side, without the quiet zone.
    public var size: Int { 4 * version + 17 }

    /// Encodes `text` as UTF-8 in the most compact mode that can hold all of
    /// it.
    ///
    /// - Parameters:
    ///   - correction: the error correction level; `.medium` unless told.
    ///   - version: a fixed version in 1...40, or nil for the smallest that fits.
    ///   - mask: a fixed mask reference in 0...7, or nil for the one with the
    ///     lowest penalty.
    /// - Throws: `QRCodeError` with code `.dataTooLong` (saying how long the
    ///   input may be at this level, or at this version), `.versionOutOfRange`
    ///   or `.maskOutOfRange`.
    public init(
        encoding text: String, correction: ErrorCorrection = .medium, version: Int? = nil, mask: Int? = nil
    ) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        try self.init(bytes: bytes, modes: Payload.modes(for: bytes), correction: correction, version: version, mask: mask)
    }

    /// Encodes `bytes` as they are, in byte mode.
    ///
    /// Parameters and errors are those of `init(encoding:correction:version:mask:)`.
    public init(
        bytes: [UInt8], correction: ErrorCorrection = .medium, version: Int? = nil, mask: Int? = nil
    ) throws(QRCodeError) {
        try self.init(bytes: bytes, modes: [.byte], correction: correction, version: version, mask: mask)
    }

    private init(
        bytes: [UInt8], modes: [Mode], correction: ErrorCorrection, version: Int?, mask: Int?
    ) throws(QRCodeError) {
        if let version, !SymbolVersion.range.contains(version) {
            throw QRCodeError(
                code: .versionOutOfRange,
                description: "QR code version \(version) does not exist; versions run from 1 to 40."
            )
        }
        if let mask, !MaskPattern.all.contains(mask) {
            throw QRCodeError(
                code: .maskOutOfRange,
                description: "QR code mask \(mask) does not exist; masks run from 0 to 7."
            )
        }
        let (payload, symbolVersion) = try Self.fit(bytes: bytes, modes: modes, correction: correction, version: version)
        let layout = symbolVersion.blockLayout(correction)
        let data = payload.dataCodewords(version: symbolVersion.number, capacity: layout.dataCodewordCount * 8)
        var unmasked = ModuleGrid(version: symbolVersion)
        unmasked.placeCodewords(layout.interleavedCodewords(data: data))

        func masked(_ reference: Int) -> ModuleGrid {
            var grid = unmasked
            grid.applyMask(reference)
            grid.drawFormat(correction: correction, mask: reference)
            return grid
        }
        let chosen: (mask: Int, grid: ModuleGrid)
        if let mask {
            chosen = (mask, masked(mask))
        } else {
            // Scores in mask order, so the first lowest is the lowest reference.
            let candidates = MaskPattern.all.map { (mask: $0, grid: masked($0)) }
            let scores = candidates.map { MaskPenalty(size: $0.grid.size, modules: $0.grid.dark).total }
            chosen = candidates[scores.indices.min { scores[$0] < scores[$1] } ?? 0]
        }
        self.version = symbolVersion.number
        self.correction = correction
        self.mask = chosen.mask
        self.mode = payload.mode
        self.modules = chosen.grid.dark
    }

    /// Whether the module in column `x`, row `y` is dark; (0, 0) is the
    /// top-left module. Positions outside the symbol are light, as the quiet
    /// zone around it must be.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The modules row by row, top to bottom, each row left to right; true is
    /// dark. No quiet zone.
    public var rows: [[Bool]] {
        (0..<size).map { y in Array(modules[(y * size)..<((y + 1) * size)]) }
    }
}
