extension QRCode {
    /// How much of a symbol is spent on Reed–Solomon error correction, and so
    /// how much damage a reader can recover from: roughly 7 % of the
    /// codewords at `.low`, 15 % at `.medium`, 25 % at `.quartile` and 30 % at
    /// `.high`. Higher levels need larger symbols for the same text.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case low, medium, quartile, high

        /// The standard's letter: L, M, Q or H.
        public var description: String {
            switch self {
            case .low: "L"
            case .medium: "M"
            case .quartile: "Q"
            case .high: "H"
            }
        }

        /// The two bits that stand for the level in the format information;
        /// not in level order (L = 01, M = 00, Q = 11, H = 10).
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }
    }
}
