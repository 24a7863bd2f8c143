import ErkendCore
import Foundation

/// How values are written as text columns: days as `YYYY-MM-DD`, instants as
/// ISO 8601 in UTC to the second (as `ErkendJSON` writes them, so both sort
/// and compare as text), whole records as `ErkendJSON`.
enum StoredText {
    static func instant(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func instant(_ text: String) throws -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw ErkendError(.storage, "the database holds '\(text.prefix(40))' where an ISO 8601 instant belongs")
        }
        return date
    }

    static func day(_ text: String) throws -> Day {
        do { return try Day(parsing: text) } catch {
            throw ErkendError(.storage, "the database holds '\(text.prefix(40))' where a day belongs")
        }
    }

    static func json(_ value: some Encodable, encoder: JSONEncoder = ErkendJSON.encoder()) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        do {
            return try ErkendJSON.decoder().decode(type, from: Data(body.utf8))
        } catch {
            throw ErkendError(.storage, "a stored \(T.self) cannot be read back", cause: String(describing: error))
        }
    }
}
