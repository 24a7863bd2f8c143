/// Reads N-Quads documents (the RDF 1.1 N-Quads grammar).
struct NQuadsParser {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func fail(_ message: String, at offset: Int? = nil) -> NQuadsParseError {
        NQuadsParseError(message: message, line: line, column: (offset ?? position) - lineStart + 1)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func parseDocument() throws(NQuadsParseError) -> RDFDataset {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            position = bad
            var i = 0
            while i < bad {
                if bytes[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
            throw fail("invalid UTF-8")
        }
        var quads: [RDFQuad] = []
        while true {
            skipSpaceAndComments()
            guard let b = current else { break }
            if b == 0x0A || b == 0x0D {
                consumeLineEnd()
                continue
            }
            quads.append(try parseStatement())
            skipSpaceAndComments()
            if let b = current {
                guard b == 0x0A || b == 0x0D else { throw fail("expected end of line after '.'") }
                consumeLineEnd()
            }
        }
        return RDFDataset(quads: quads)
    }

    mutating func consumeLineEnd() {
        if current == 0x0D { position += 1 }
        if current == 0x0A { position += 1 }
        line += 1
        lineStart = position
    }

    mutating func skipSpaceAndComments() {
        while let b = current {
            if b == 0x20 || b == 0x09 {
                position += 1
            } else if b == UInt8(ascii: "#") {
                while let c = current, c != 0x0A, c != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    mutating func parseStatement() throws(NQuadsParseError) -> RDFQuad {
        let subject: RDFTerm
        switch current {
        case UInt8(ascii: "<"): subject = .iri(try parseIRI())
        case UInt8(ascii: "_"): subject = .blankNode(try parseBlankNode())
        default: throw fail("expected an IRI or blank node as subject")
        }
        skipSpaceAndComments()
        guard current == UInt8(ascii: "<") else { throw fail("expected an IRI as predicate") }
        let predicate = RDFTerm.iri(try parseIRI())
        skipSpaceAndComments()
        let object: RDFTerm
        switch current {
        case UInt8(ascii: "<"): object = .iri(try parseIRI())
        case UInt8(ascii: "_"): object = .blankNode(try parseBlankNode())
        case UInt8(ascii: "\""): object = .literal(try parseLiteral())
        default: throw fail("expected an IRI, blank node or literal as object")
        }
        skipSpaceAndComments()
        var graph: RDFTerm? = nil
        switch current {
        case UInt8(ascii: "<"): graph = .iri(try parseIRI())
        case UInt8(ascii: "_"): graph = .blankNode(try parseBlankNode())
        default: break
        }
        skipSpaceAndComments()
        guard current == UInt8(ascii: ".") else { throw fail("expected '.' at the end of the statement") }
        position += 1
        return RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph)
    }

    mutating func parseIRI() throws(NQuadsParseError) -> String {
        let start = position
        position += 1
        var buffer: [UInt8] = []
        while let b = current {
            switch b {
            case UInt8(ascii: ">"):
                position += 1
                let iri = String(decoding: buffer, as: UTF8.self)
                guard IRI.hasScheme(iri) else { throw fail("relative IRI <\(iri)> (N-Quads needs absolute IRIs)", at: start) }
                return iri
            case UInt8(ascii: "\\"):
                position += 1
                guard current == UInt8(ascii: "u") || current == UInt8(ascii: "U") else { throw fail("only \\u and \\U escapes are allowed in IRIs") }
                try appendUCHAR(to: &buffer)
            case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"):
                throw fail("character not allowed in an IRI")
            default:
                buffer.append(b)
                position += 1
            }
        }
        throw fail("unterminated IRI", at: start)
    }

    /// Reads `\uXXXX` or `\UXXXXXXXX` (the cursor is on the `u`/`U`).
    mutating func appendUCHAR(to buffer: inout [UInt8]) throws(NQuadsParseError) {
        let start = position - 1
        let count = current == UInt8(ascii: "u") ? 4 : 8
        position += 1
        guard position + count <= bytes.count else { throw fail("truncated escape", at: start) }
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let digit = hexValue(bytes[position]) else { throw fail("invalid hex digit in escape", at: start) }
            value = value << 4 | digit
            position += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw fail("escape is not a Unicode scalar value", at: start) }
        buffer.append(contentsOf: UTF8.encode(scalar)!)
    }

    func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    mutating func parseBlankNode() throws(NQuadsParseError) -> String {
        let start = position
        guard position + 2 < bytes.count, bytes[position + 1] == UInt8(ascii: ":") else { throw fail("expected '_:' to start a blank node") }
        position += 2
        let labelStart = position
        while let b = current, isLabelByte(b) { position += 1 }
        // A label cannot end with '.': a trailing dot ends the statement instead.
        while position > labelStart, bytes[position - 1] == UInt8(ascii: ".") { position -= 1 }
        guard position > labelStart else { throw fail("empty blank node label", at: start) }
        let first = bytes[labelStart]
        guard first != UInt8(ascii: "-"), first != UInt8(ascii: ".") else { throw fail("invalid blank node label", at: start) }
        return String(decoding: bytes[labelStart..<position], as: UTF8.self)
    }

    func isLabelByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return b >= 0x80  // non-ASCII name characters
        }
    }

    mutating func parseLiteral() throws(NQuadsParseError) -> RDFLiteral {
        let start = position
        position += 1
        var buffer: [UInt8] = []
        var closed = false
        while let b = current {
            if b == UInt8(ascii: "\"") {
                position += 1
                closed = true
                break
            }
            if b == 0x0A || b == 0x0D { throw fail("line break inside a literal") }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                position += 1
                continue
            }
            position += 1
            guard let e = current else { break }
            switch e {
            case UInt8(ascii: "t"): buffer.append(0x09); position += 1
            case UInt8(ascii: "b"): buffer.append(0x08); position += 1
            case UInt8(ascii: "n"): buffer.append(0x0A); position += 1
            case UInt8(ascii: "r"): buffer.append(0x0D); position += 1
            case UInt8(ascii: "f"): buffer.append(0x0C); position += 1
            case UInt8(ascii: "\""): buffer.append(0x22); position += 1
            case UInt8(ascii: "'"): buffer.append(0x27); position += 1
            case UInt8(ascii: "\\"): buffer.append(0x5C); position += 1
            case UInt8(ascii: "u"), UInt8(ascii: "U"): try appendUCHAR(to: &buffer)
            default: throw fail("invalid escape in literal")
            }
        }
        guard closed else { throw fail("unterminated literal", at: start) }
        let lexical = String(decoding: buffer, as: UTF8.self)
        if current == UInt8(ascii: "@") {
            position += 1
            let tagStart = position
            while let b = current, b == UInt8(ascii: "-") || isAlphanumeric(b) { position += 1 }
            let tag = String(decoding: bytes[tagStart..<position], as: UTF8.self)
            guard LanguageTag.isWellFormedNQuadsTag(tag) else { throw fail("invalid language tag", at: tagStart) }
            return RDFLiteral(lexical, language: tag)
        }
        if current == UInt8(ascii: "^") {
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "^") else { throw fail("expected '^^' before datatype") }
            position += 2
            guard current == UInt8(ascii: "<") else { throw fail("expected a datatype IRI after '^^'") }
            let datatype = try parseIRI()
            return RDFLiteral(lexical, datatype: datatype)
        }
        return RDFLiteral(lexical)
    }

    func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
