/// A JSON value as JSON-LD and JCS need it.
///
/// Unlike `JSONSerialization`, it keeps booleans apart from numbers, keeps the
/// literal form of every number (so `1` and `1.0` stay distinguishable where a
/// caller cares) and keeps object members in the order they were parsed.
///
/// Equality follows JSON-LD's object comparison for objects (member order does
/// not matter) and compares numbers by their numeric value.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The string, if this is a JSON string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, if this is a JSON object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements, if this is a JSON array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number, if this is a JSON number.
    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether this is a string, number or Boolean (JSON-LD's "scalar").
    public var isScalar: Bool {
        switch self {
        case .string, .number, .bool: return true
        default: return false
        }
    }

    /// The value itself when it is an array, otherwise a one-element array
    /// (JSON-LD's "make it an array" step). `null` stays a one-element array.
    var asArray: [JSONValue] {
        if case .array(let a) = self { return a }
        return [self]
    }

    /// Member lookup on an object; `nil` for any other kind of value.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text (member order as stored, no canonicalization).
    public var description: String { JSONWriter.string(self) }
}
