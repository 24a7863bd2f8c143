extension QRCode {
    /// How the text's characters become bits. A text is encoded in one mode
    /// throughout: the one, of those that can represent it, that needs the
    /// fewest bits.
    public enum Mode: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Digits 0–9 only, 10 bits for three digits.
        case numeric
        /// Digits, upper-case A–Z, space and `$%*+-./:`, 11 bits for two characters.
        case alphanumeric
        /// Any bytes, 8 bits each; text is encoded as UTF-8.
        case byte

        public var description: String {
            switch self {
            case .numeric: "numeric"
            case .alphanumeric: "alphanumeric"
            case .byte: "byte"
            }
        }

        /// The four-bit mode indicator that starts the data.
        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        /// What the input is counted in, for messages.
        var unit: String {
            switch self {
            case .numeric: "digits"
            case .alphanumeric: "characters"
            case .byte: "bytes"
            }
        }

        /// Bits of the character count that follows the mode indicator;
        /// larger versions use longer counts.
        func countBits(version: Int) -> Int {
            let sizeClass = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][sizeClass]
            case .alphanumeric: return [9, 11, 13][sizeClass]
            case .byte: return [8, 16, 16][sizeClass]
            }
        }

        /// Bits the characters themselves take (without indicator and count).
        func payloadBits(count: Int) -> Int {
            switch self {
            case .numeric: 10 * (count / 3) + [0, 4, 7][count % 3]
            case .alphanumeric: 11 * (count / 2) + 6 * (count % 2)
            case .byte: 8 * count
            }
        }

        /// The most characters of this mode that fit in `capacity` bits at `version`.
        func maximumCount(capacity: Int, version: Int) -> Int {
            let available = capacity - 4 - countBits(version: version)
            guard available > 0 else { return 0 }
            var count: Int
            switch self {
            case .numeric: count = available / 10 * 3
            case .alphanumeric: count = available / 11 * 2
            case .byte: count = available / 8
            }
            while payloadBits(count: count + 1) <= available { count += 1 }
            return min(count, (1 << countBits(version: version)) - 1)
        }
    }
}
