public import Foundation

/// Reads JSON text (RFC 8259) into `JSONValue`s.
///
/// The reader is strict where signatures need it to be: the text must be valid
/// UTF-8, object keys must be unique, strings must not hold unpaired UTF-16
/// surrogates, and nesting is limited so hostile input cannot exhaust the stack.
public struct JSONParser: Sendable {
    /// Limits that keep hostile input from exhausting memory or the stack.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects accepted.
        public var maxDepth: Int
        /// Largest input accepted, in bytes (`nil`: no limit).
        public var maxBytes: Int?

        public init(maxDepth: Int = 512, maxBytes: Int? = nil) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses JSON text; throws `JSONParseError` with the line and column of the problem.
    public func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let bytes = [UInt8](data)
        return try parse(bytes: bytes)
    }

    /// Parses JSON text; throws `JSONParseError` with the line and column of the problem.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses JSON text with the default limits.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(data)
    }

    /// Parses JSON text with the default limits.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(text)
    }

    func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        if let maxBytes = limits.maxBytes, bytes.count > maxBytes {
            throw JSONReader.error("document is \(bytes.count) bytes, more than the limit of \(maxBytes)", at: 0, in: bytes)
        }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw JSONReader.error("invalid UTF-8", at: bad, in: bytes)
        }
        var reader = JSONReader(bytes: bytes, maxDepth: limits.maxDepth)
        return try reader.readDocument()
    }
}

/// The cursor over one document; only `JSONParser` creates it.
struct JSONReader {
    let bytes: [UInt8]
    let maxDepth: Int
    var position = 0
    var depth = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    static func error(_ message: String, at offset: Int, in bytes: [UInt8]) -> JSONParseError {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return JSONParseError(message: message, line: line, column: offset - lineStart + 1, offset: offset)
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
        Self.error(message, at: offset ?? position, in: bytes)
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        // A UTF-8 byte order mark is tolerated (RFC 8259 §8.1 allows ignoring it).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        if position != bytes.count { throw fail("unexpected text after the JSON value") }
        return value
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func readValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw fail("unexpected character, expected a value")
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("invalid literal", at: start) }
        let ok = word.withUTF8Buffer { buffer -> Bool in
            for i in 0..<count where bytes[position + i] != buffer[i] { return false }
            return true
        }
        guard ok else { throw fail("invalid literal", at: start) }
        position += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    }

    mutating func readObject() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a string as object key")
            }
            let keyStart = position
            let key = try readString()
            // Duplicate keys make a document mean different things to different
            // readers; a signature must not depend on which one wins.
            if object.contains(key) { throw fail("duplicate key \"\(key)\"", at: keyStart) }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            position += 1
            skipWhitespace()
            object[key] = try readValue()
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of input in object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(object)
            }
            throw fail("expected ',' or '}' in object")
        }
    }

    mutating func readArray() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try readValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(array)
            }
            throw fail("expected ',' or ']' in array")
        }
    }

    mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number", at: start) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw fail("leading zero in number", at: start) }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected digits after '.'", at: start) }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected digits in exponent", at: start) }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(literal) else { throw fail("invalid number", at: start) }
        return JSONNumber(literal: literal, value: value)
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            result = result << 4 | digit
            position += 1
        }
        return result
    }

    mutating func readString() throws(JSONParseError) -> String {
        let quote = position
        position += 1
        let start = position
        // Fast path: no escapes, copy the bytes as they are.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character in string") }
            position += 1
        }
        guard position < bytes.count else { throw fail("unterminated string", at: quote) }
        var buffer = Array(bytes[start..<position])
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in string") }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                position += 1
                continue
            }
            let escape = position
            position += 1
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired UTF-16 surrogate in \\u escape", at: escape)
                    }
                    position += 2
                    let low = try readHex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired UTF-16 surrogate in \\u escape", at: escape) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw fail("unpaired UTF-16 surrogate in \\u escape", at: escape)
                }
                // Every value here is a valid scalar: surrogates were handled above.
                let unicode = Unicode.Scalar(scalar)!
                buffer.append(contentsOf: UTF8.encode(unicode)!)
            default:
                throw fail("invalid escape sequence", at: escape)
            }
        }
        throw fail("unterminated string", at: quote)
    }
}
