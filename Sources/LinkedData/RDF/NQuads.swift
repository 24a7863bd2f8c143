/// N-Quads (RDF 1.1 / 1.2), read and written.
///
/// Writing produces the canonical form RDFC-1.0 uses: one quad per line ending
/// in `\n`, single spaces between terms, no escapes in IRIs, and in literals only
/// `\b \t \n \f \r \" \\` as two-character escapes and the other control
/// characters (U+0000–U+001F, U+007F) as `\uXXXX` with uppercase hex.
public enum NQuads {
    /// The N-Quads document for `dataset`, quads in the order given.
    public static func serialize(_ dataset: RDFDataset) -> String {
        var out: [UInt8] = []
        for quad in dataset.quads { appendQuad(quad, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One quad as a line of N-Quads, including the final newline.
    public static func serialize(_ quad: RDFQuad) -> String {
        var out: [UInt8] = []
        appendQuad(quad, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads an N-Quads document.
    public static func parse(_ text: String) throws(NQuadsParseError) -> RDFDataset {
        var parser = NQuadsParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    static func appendQuad(_ quad: RDFQuad, to out: inout [UInt8]) {
        appendTerm(quad.subject, to: &out)
        out.append(0x20)
        appendTerm(quad.predicate, to: &out)
        out.append(0x20)
        appendTerm(quad.object, to: &out)
        if let graph = quad.graph {
            out.append(0x20)
            appendTerm(graph, to: &out)
        }
        out.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
    }

    static func appendTerm(_ term: RDFTerm, to out: inout [UInt8]) {
        switch term {
        case .iri(let iri): appendIRI(iri, to: &out)
        case .blankNode(let label):
            out.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: ":")])
            out.append(contentsOf: label.utf8)
        case .literal(let literal): appendLiteral(literal, to: &out)
        }
    }

    static func appendIRI(_ iri: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        if !iri.utf8.contains(where: needsEscapeInIRI) {
            out.append(contentsOf: iri.utf8)
            out.append(UInt8(ascii: ">"))
            return
        }
        for b in iri.utf8 {
            // Characters IRIREF forbids never occur in IRIs this module accepts;
            // escaping them anyway means no string can break out of the brackets.
            switch b {
            case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
                appendUCHAR(b, to: &out)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: ">"))
    }

    @inline(__always)
    static func needsEscapeInIRI(_ b: UInt8) -> Bool {
        switch b {
        case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }

    static func appendLiteral(_ literal: RDFLiteral, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in literal.lexicalForm.utf8 {
            switch b {
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x00...0x1F, 0x7F: appendUCHAR(b, to: &out)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        if let language = literal.language {
            out.append(UInt8(ascii: "@"))
            out.append(contentsOf: language.utf8)
        } else if literal.datatype != RDFVocabulary.xsdString {
            out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "^")])
            appendIRI(literal.datatype, to: &out)
        }
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    static func appendUCHAR(_ b: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), upperHex[Int(b >> 4)], upperHex[Int(b & 0xF)]])
    }
}
