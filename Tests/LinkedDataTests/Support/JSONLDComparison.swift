import LinkedData

/// JSON-LD object comparison as the W3C test suite README defines it: arrays
/// are compared as multisets, except the values of `@list`.
enum JSONLDComparison {
    static func equal(_ a: JSONValue, _ b: JSONValue, ordered: Bool = false) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key] else { return false }
                if key == "@language", let l = value.stringValue, let r = other.stringValue {
                    if l.lowercased() != r.lowercased() { return false }
                    continue
                }
                if !equal(value, other, ordered: key == "@list") { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            if ordered { return zip(x, y).allSatisfy { equal($0, $1) } }
            var unmatched = y
            for item in x {
                guard let i = unmatched.firstIndex(where: { equal(item, $0) }) else { return false }
                unmatched.remove(at: i)
            }
            return true
        default:
            return a == b
        }
    }
}
