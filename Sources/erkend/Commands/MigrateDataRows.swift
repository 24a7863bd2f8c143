import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// What a column holds on PostgreSQL, which decides how a SQLite value is written for it.
enum MigrateColumnType: Equatable {
    case text, integer, boolean, real, bytes

    init?(postgres dataType: String) {
        switch dataType {
        case "text", "character varying": self = .text
        case "integer", "bigint", "smallint": self = .integer
        case "boolean": self = .boolean
        case "double precision", "real": self = .real
        case "bytea": self = .bytes
        default: return nil
        }
    }
}

/// One row as a line of COPY's text format — the same line for a SQLite row and for the PostgreSQL
/// row it became, so the lines' hashes compare the two sides.
enum MigrateLine {
    /// A SQLite value as the text PostgreSQL reads for a column of `type`; `nil` for NULL.
    static func field(_ value: DatabaseValue, as type: MigrateColumnType, column: String) throws -> String? {
        switch (value.storage, type) {
        case (.null, _): return nil
        case (.int64(let number), .boolean): return number != 0 ? "t" : "f"
        case (.int64(let number), .integer), (.int64(let number), .text): return String(number)
        case (.int64(let number), .real): return real(Double(number))
        case (.double(let number), .real): return real(number)
        case (.double(let number), .integer) where number == number.rounded(): return String(Int64(number))
        case (.double(let number), .text): return String(number)
        case (.string(let text), .text): return text
        // bytea's hex form, which is also how PostgreSQL shows it back as text.
        case (.blob(let data), .bytes): return "\\x" + data.map { String(format: "%02x", $0) }.joined()
        case (.string(let text), .integer) where Int64(text) != nil: return text
        case (.string(let text), .real) where Double(text) != nil: return real(Double(text)!)
        case (.string(let text), .boolean) where text == "0" || text == "1": return text == "1" ? "t" : "f"
        default:
            throw CLIError("the column \(column) holds a value PostgreSQL's column cannot take (\(value))")
        }
    }

    /// A number as Swift writes it shortest, which PostgreSQL reads back to the same double.
    static func real(_ number: Double) -> String { "\(number)" }

    /// The fields joined with tabs, escaped as COPY's text format wants, `\N` for NULL; no line end.
    static func line(_ fields: [String?]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append("\t") }
            guard let field else { line.append("\\N"); continue }
            // One scan in C for the four bytes COPY escapes; most values (JSON bodies, ids) have none.
            guard field.withCString({ strpbrk($0, "\\\t\n\r") != nil }) else {
                line.append(field)
                continue
            }
            for character in field.unicodeScalars {
                switch character {
                case "\\": line.append("\\\\")
                case "\t": line.append("\\t")
                case "\n": line.append("\\n")
                case "\r": line.append("\\r")
                default: line.unicodeScalars.append(character)
                }
            }
        }
        return line
    }
}

/// A table's content as one value that does not depend on the order rows are read in: the
/// wrapping sum of every row's SHA-256, in four 64-bit lanes, and the row count.
struct TableDigest: Equatable {
    private var lanes: [UInt64] = [0, 0, 0, 0]
    private(set) var rows = 0

    mutating func add(_ line: String) {
        let digest = Array(SHA256.hash(data: Data(line.utf8)))
        for lane in 0..<4 {
            var value: UInt64 = 0
            for byte in digest[(lane * 8)..<(lane * 8 + 8)] { value = value << 8 | UInt64(byte) }
            lanes[lane] &+= value
        }
        rows += 1
    }

    /// The first 16 hex digits, enough to show in a report.
    var short: String { lanes.map { String(format: "%016llx", $0) }.joined().prefix(16).description }
}
