/// IRI syntax checks and reference resolution (RFC 3986 §5.2, applied to
/// IRIs as RFC 3987 allows: no normalization beyond removing dot segments).
enum IRI {
    /// Whether `s` starts with a scheme and a colon (`scheme:...`), i.e. is an
    /// absolute IRI in JSON-LD's sense.
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            if b == UInt8(ascii: ":") { return !first }
            let isAlpha = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            if first {
                guard isAlpha else { return false }
                first = false
                continue
            }
            let isOther = (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            guard isAlpha || isOther else { return false }
        }
        return false
    }

    /// Whether `s` is an absolute IRI that can be written in N-Quads: it has a
    /// scheme and no character that RDF forbids in IRIs (spaces, controls,
    /// `<>"{}|\^` and backquote).
    static func isWellFormed(_ s: String) -> Bool {
        guard hasScheme(s) else { return false }
        var seenHash = false
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "#"):
                // The fragment is the last component and cannot itself hold a '#'.
                if seenHash { return false }
                seenHash = true
            case 0x00...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"):
                return false
            default: continue
            }
        }
        return true
    }

    /// Whether `s` is a blank node identifier (`_:label`).
    static func isBlankNodeIdentifier(_ s: String) -> Bool {
        s.utf8.count >= 2 && s.hasPrefix("_:")
    }

    struct Parts {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    /// Splits an IRI reference into its five components (RFC 3986 appendix B).
    static func split(_ s: String) -> Parts {
        var rest = s[...]
        var parts = Parts(scheme: nil, authority: nil, path: "", query: nil, fragment: nil)
        if let hash = rest.firstIndex(of: "#") {
            parts.fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            parts.query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(where: { $0 == "/" }), hasScheme(String(rest[...colon])) {
            parts.scheme = rest[..<colon]
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            parts.authority = rest[afterSlashes..<end]
            rest = rest[end...]
        }
        parts.path = rest
        return parts
    }

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2). A `nil` base
    /// leaves the reference as it is.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base else { return reference }
        let r = split(reference)
        if r.scheme != nil {
            return recompose(scheme: r.scheme, authority: r.authority, path: removeDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        let b = split(base)
        var authority: Substring?
        var path: String
        var query: Substring?
        if r.authority != nil {
            authority = r.authority
            path = removeDotSegments(r.path)
            query = r.query
        } else {
            authority = b.authority
            if r.path.isEmpty {
                path = String(b.path)
                query = r.query ?? b.query
            } else {
                if r.path.hasPrefix("/") {
                    path = removeDotSegments(r.path)
                } else {
                    path = removeDotSegments(merge(base: b, path: r.path)[...])
                }
                query = r.query
            }
        }
        return recompose(scheme: b.scheme, authority: authority, path: path, query: query, fragment: r.fragment)
    }

    private static func merge(base: Parts, path: Substring) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        if let slash = base.path.lastIndex(of: "/") { return String(base.path[...slash]) + path }
        return String(path)
    }

    private static func recompose(scheme: Substring?, authority: Substring?, path: some StringProtocol, query: Substring?, fragment: Substring?) -> String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: Substring) -> String {
        guard path.contains(".") else { return String(path) }
        var input = path
        var output: [Substring] = []
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                // Move the first segment (with its leading slash, if any) to the output.
                var end = input.index(after: input.startIndex)
                if input.first != "/" { end = input.startIndex }
                end = input[end...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        return output.joined()
    }
}
