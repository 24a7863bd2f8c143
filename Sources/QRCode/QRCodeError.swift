/// Why a QR code could not be made. `description` says it in a sentence a
/// person can act on.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; compare with the static members.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The text does not fit: in any version, or in the one asked for.
        public static let dataTooLong = Code(rawValue: "data too long")
        /// A version outside 1...40 was asked for.
        public static let versionOutOfRange = Code(rawValue: "version out of range")
        /// A mask outside 0...7 was asked for.
        public static let maskOutOfRange = Code(rawValue: "mask out of range")
    }

    public let code: Code
    public let description: String
    /// For `.dataTooLong`: the longest input that fits, counted in `mode`'s
    /// units (bytes for `.byte`, digits or characters otherwise).
    public let maximumLength: Int?
    /// For `.dataTooLong`: the mode the input was measured in.
    public let mode: QRCode.Mode?

    init(code: Code, description: String, maximumLength: Int? = nil, mode: QRCode.Mode? = nil) {
        self.code = code
        self.description = description
        self.maximumLength = maximumLength
        self.mode = mode
    }
}
