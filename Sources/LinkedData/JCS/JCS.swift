public import Foundation

/// JSON Canonicalization Scheme (RFC 8785): the one byte sequence for a JSON
/// value that `-jcs-` cryptosuites hash and sign.
///
/// Object members are sorted by their keys' UTF-16 code units, numbers are
/// written as ECMAScript writes doubles, strings are escaped as
/// `JSON.stringify` escapes them, and there is no whitespace.
public enum JCS {
    /// Why a value has no canonical form.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// JSON path of the offending value, e.g. `$.proof.nonce[2]`.
        public let path: String
        public let message: String
        public var description: String { "cannot canonicalize \(path): \(message)" }
    }

    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JSONValue) throws(JCS.Error) -> Data {
        var out: [UInt8] = []
        var path = JSONPath()
        try write(value, into: &out, path: &path)
        return Data(out)
    }

    /// The canonical text of `value`.
    public static func canonicalString(_ value: JSONValue) throws(JCS.Error) -> String {
        var out: [UInt8] = []
        var path = JSONPath()
        try write(value, into: &out, path: &path)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses JSON text and returns its canonical bytes.
    public static func canonicalize(json data: Data) throws -> Data {
        try canonicalize(JSONParser.parse(data))
    }

    static func write(_ value: JSONValue, into out: inout [UInt8], path: inout JSONPath) throws(JCS.Error) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .number(let n):
            guard let text = ECMAScriptNumber.format(n.value) else {
                throw Error(path: path.description, message: "\(n.literal) is not a finite double")
            }
            out.append(contentsOf: text.utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                path.push(.index(i))
                try write(item, into: &out, path: &path)
                path.pop()
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let sorted = object.members.sorted { a, b in a.key.utf16.lexicographicallyPrecedes(b.key.utf16) }
            for (i, member) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendQuoted(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                path.push(.key(member.key))
                try write(member.value, into: &out, path: &path)
                path.pop()
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
