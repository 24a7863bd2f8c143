/// Why an N-Quads document could not be read, and where.
public struct NQuadsParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// 1-based line number.
    public let line: Int
    /// 1-based column, in bytes.
    public let column: Int
    public var description: String { "invalid N-Quads at line \(line), column \(column): \(message)" }
}
