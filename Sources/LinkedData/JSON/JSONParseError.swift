/// Why JSON text could not be read, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, in words.
    public let message: String
    /// 1-based line of the offending byte.
    public let line: Int
    /// 1-based column (in bytes) of the offending byte.
    public let column: Int
    /// 0-based byte offset of the offending byte.
    public let offset: Int

    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}
