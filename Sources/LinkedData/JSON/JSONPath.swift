/// A location inside a JSON document, written as a JSONPath expression
/// (`$.credentialSubject.achievement[0].name`) in error messages.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component] = []

    public init(_ components: [Component] = []) {
        self.components = components
    }

    mutating func push(_ component: Component) { components.append(component) }
    mutating func pop() { components.removeLast() }

    func appending(_ component: Component) -> JSONPath {
        var copy = self
        copy.push(component)
        return copy
    }

    public var description: String {
        var out = "$"
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .key(let k):
                if !k.isEmpty, k.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }),
                    !("0"..."9").contains(k.unicodeScalars.first!)
                {
                    out += "." + k
                } else {
                    out += "[" + JSONWriter.string(.string(k)) + "]"
                }
            }
        }
        return out
    }
}
