/// JSON-LD keywords and the "looks like a keyword" rule.
enum Keywords {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index",
        "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
        "@set", "@type", "@value", "@version", "@vocab",
    ]

    @inline(__always)
    static func isKeyword(_ s: String) -> Bool {
        s.utf8.first == UInt8(ascii: "@") && all.contains(s)
    }

    /// `@` followed by one or more ASCII letters only: reserved for future
    /// keywords, so such terms are ignored (the specification asks for a warning).
    static func hasKeywordForm(_ s: String) -> Bool {
        var iterator = s.utf8.makeIterator()
        guard iterator.next() == UInt8(ascii: "@") else { return false }
        var count = 0
        while let b = iterator.next() {
            guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) else { return false }
            count += 1
        }
        return count > 0
    }

    /// The characters RFC 3986 calls gen-delims; an IRI ending in one makes a
    /// simple term usable as a prefix.
    static func endsWithGenDelim(_ s: String) -> Bool {
        switch s.utf8.last {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }
}
