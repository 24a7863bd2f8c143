import ErkendCore
import Testing

/// `ConceptURI(validatingUTF8:)` is the byte-level twin of `ConceptURI.isValid`.
@Suite("Concept URIs from bytes")
struct ConceptURIBytesTests {
    private func fromBytes(_ text: String) -> ConceptURI? {
        Array(text.utf8).withUnsafeBufferPointer { ConceptURI(validatingUTF8: $0) }
    }

    @Test("Accepts and refuses exactly what ConceptURI.isValid does", arguments: [
        "http://data.europa.eu/esco/skill/0005c151", "https://x", "http://", "https://", "http:///", "http:////x",
        "http:///x", "urn:", "urn:a", "urn:ab", "urn:abc", "ftp://x", "HTTP://x", "http:/x", "http://a b", "http://a\tb",
        "http://a\"b", "http://a<b", "http://a>b", "http://a\\b", "http://a\u{7F}", "http://a\u{0}", "", " http://x",
        "http://\u{E9}", "http://\u{301}x", "urn:\u{301}ab", "http://x/\u{E9}t\u{E9}", "http://x\u{A0}", "\u{212A}",
        "http://" + String(repeating: "a", count: 2041), "http://" + String(repeating: "a", count: 2042),
        "urn:" + String(repeating: "\u{E9}", count: 1022), "urn:" + String(repeating: "\u{E9}", count: 1023),
    ])
    func sameRules(text: String) {
        let uri = fromBytes(text)

        #expect((uri != nil) == ConceptURI.isValid(text))
        #expect(uri.map(\.rawValue) == (ConceptURI.isValid(text) ? text : nil))
    }

    @Test("Agrees with ConceptURI.isValid on random strings of URI pieces")
    func randomAgreement() {
        let pieces = ["http", "https", "urn", ":", "/", "//", "a", "x.eu", " ", "\u{E9}", "e\u{301}", "\u{301}", "\"", "<", "%20", "\u{7F}", "\t"]
        var state: UInt64 = 7
        for _ in 0..<5000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for shift in stride(from: 0, to: 48, by: 6) where (state >> 58) > UInt64(shift / 6) {
                text += pieces[Int((state >> UInt64(shift)) & 0x3F) % pieces.count]
            }
            #expect((fromBytes(text) != nil) == ConceptURI.isValid(text), "\(text.debugDescription)")
        }
    }

    @Test("Bytes that are not UTF-8 are no URI")
    func notUTF8() {
        let uri = [UInt8]("http://x/".utf8 + [0xE9]).withUnsafeBufferPointer { ConceptURI(validatingUTF8: $0) }

        #expect(uri == nil)
    }
}
