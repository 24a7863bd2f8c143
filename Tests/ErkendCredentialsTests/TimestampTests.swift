import ErkendCredentials
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    @Test("the hand-written form agrees with ISO8601DateFormatter both ways on 5,000 random instants from 1970 to 2199")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let formatter = Self.formatter()
        for _ in 0..<5_000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: 0..<7_258_118_400, using: &generator)))
            let text = Timestamp.string(date)
            #expect(text == formatter.string(from: date))
            #expect(Timestamp.date(text) == date)
        }
    }

    @Test("days that do not exist and malformed digits are refused; offsets and fractions still parse")
    func edges() {
        #expect(Timestamp.date("2025-04-31T10:00:00Z") == nil)
        #expect(Timestamp.date("2025-02-29T10:00:00Z") == nil)
        #expect(Timestamp.date("2025-13-01T10:00:00Z") == nil)
        #expect(Timestamp.date("2025-1a-01T10:00:00Z") == nil)
        #expect(Timestamp.date("2024-02-29T23:59:59Z") == Self.formatter().date(from: "2024-02-29T23:59:59Z"))
        #expect(Timestamp.date("2025-11-29T11:00:00+01:00") == Timestamp.date("2025-11-29T10:00:00Z"))
        #expect(Timestamp.date("2025-11-29T10:00:00.250Z") != nil)
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_764_410_400.75)) == "2025-11-29T10:00:00Z")
    }
}

@Suite("base64url")
struct Base64URLTests {
    @Test("the byte-by-byte encoder writes what Foundation's base64 gives with the URL alphabet and no padding, for every length 0 to 300")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let expected = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }
}
