import LinkedData
import Testing

@Suite("N-Quads")
struct NQuadsTests {
    @Test("terms of every kind read back as written, in canonical form")
    func roundTrip() throws {
        let text = """
            <http://ex.org/s> <http://ex.org/p> "tab\\there \\"quoted\\" \\u00E9 \\U0001F600" <http://ex.org/g> .
            _:b0 <http://ex.org/p> "hallo"@nl .
            _:b0 <http://ex.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .
            <http://ex.org/s> <http://ex.org/p> _:b0 . # a comment

            """
        let dataset = try NQuads.parse(text)
        #expect(dataset.quads.count == 4)
        #expect(dataset.quads[0].object == .literal(RDFLiteral("tab\there \"quoted\" é 😀")))
        #expect(dataset.quads[1].object == .literal(RDFLiteral("hallo", language: "nl")))
        #expect(dataset.quads[2].graph == .blankNode("g1"))
        let written = NQuads.serialize(dataset)
        #expect(written.hasPrefix(#"<http://ex.org/s> <http://ex.org/p> "tab\there \"quoted\" é 😀" <http://ex.org/g> ."#))
        #expect(try NQuads.parse(written) == dataset)
    }

    @Test("control characters are escaped the canonical way")
    func canonicalEscapes() {
        let quad = RDFQuad(subject: .iri("urn:s"), predicate: .iri("urn:p"), object: .literal(RDFLiteral("\u{0}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}\"\\")))
        #expect(NQuads.serialize(quad) == #"<urn:s> <urn:p> "\u0000\b\t\n\f\r\u001F\u007F\"\\" ."# + "\n")
    }

    @Test("malformed N-Quads report line and column", arguments: [
        ("<urn:s> <urn:p> <urn:o>\n", 1, 24),
        ("<urn:s> <urn:p> \"x\" .\n<relative> <urn:p> <urn:o> .\n", 2, 1),
        ("<urn:s> _:p <urn:o> .\n", 1, 9),
    ])
    func errors(text: String, line: Int, column: Int) {
        #expect {
            try NQuads.parse(text)
        } throws: { error in
            guard let error = error as? NQuadsParseError else { return false }
            return error.line == line && error.column == column
        }
    }
}
