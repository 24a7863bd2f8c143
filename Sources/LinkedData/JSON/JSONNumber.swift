/// A JSON number that remembers how it was written.
///
/// `literal` is the text from the source document (or, for numbers made in
/// Swift, the ECMAScript rendering). `value` is its IEEE 754 double, which is
/// what JSON-LD and JCS compute with: both specifications follow JavaScript,
/// where every number is a double.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written: valid JSON number syntax for parsed numbers.
    public let literal: String
    /// The nearest double (infinite when the literal overflows a double).
    public let value: Double

    /// A number read from JSON text; `literal` must already be valid JSON syntax.
    init(literal: String, value: Double) {
        self.literal = literal
        self.value = value
    }

    /// An integer.
    public init(_ integer: Int) {
        literal = String(integer)
        value = Double(integer)
    }

    /// A double, written the way ECMAScript's `Number.prototype.toString` writes
    /// it. NaN and the infinities have no JSON form: writing them is an error.
    public init(_ double: Double) {
        value = double
        literal = ECMAScriptNumber.format(double) ?? (double.isNaN ? "NaN" : (double < 0 ? "-Infinity" : "Infinity"))
    }

    /// Whether the literal has neither fraction nor exponent (`42`, `-7`).
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// Whether the numeric value is integral (`5`, `5.0`, `5e3`), as JavaScript
    /// would see it after parsing.
    public var hasIntegralValue: Bool { value.isFinite && value.rounded(.towardZero) == value }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
    public var description: String { literal }
}
