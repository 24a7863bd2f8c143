/// A setting that a term definition may leave to the context (`inherited`),
/// switch off explicitly with `null` (`cleared`), or set.
enum TermSetting<Value: Sendable & Hashable>: Sendable, Hashable {
    case inherited
    case cleared
    case set(Value)
}

/// The `@container` kinds of a term.
struct ContainerMapping: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let list = ContainerMapping(rawValue: 1 << 0)
    static let set = ContainerMapping(rawValue: 1 << 1)
    static let index = ContainerMapping(rawValue: 1 << 2)
    static let language = ContainerMapping(rawValue: 1 << 3)
    static let graph = ContainerMapping(rawValue: 1 << 4)
    static let id = ContainerMapping(rawValue: 1 << 5)
    static let type = ContainerMapping(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@index": self = .index
        case "@language": self = .language
        case "@graph": self = .graph
        case "@id": self = .id
        case "@type": self = .type
        default: return nil
        }
    }
}

/// Text direction of strings (`@direction`).
enum BaseDirection: String, Sendable, Hashable {
    case ltr
    case rtl
}

/// What the active context knows about one term (JSON-LD 1.1 API §4.1).
struct TermDefinition: Sendable, Hashable {
    /// The IRI (or keyword) the term expands to; `nil` when the term is
    /// explicitly mapped to `null` (it then expands to nothing).
    var iri: String?
    var isPrefix = false
    var isProtected = false
    var isReverse = false
    /// Base URL of the context that defined the term (for its scoped context).
    var baseURL: String?
    /// The term's own (property- or type-scoped) context.
    var scopedContext: JSONValue?
    /// Identifies `scopedContext` in the processed-context cache.
    var scopedContextID: UInt64 = 0
    var containers: ContainerMapping = []
    var direction: TermSetting<BaseDirection> = .inherited
    var index: String?
    var language: TermSetting<String> = .inherited
    var nest: String?
    var typeMapping: String?

    /// Whether `other` says the same, ignoring `@protected` (and the cache
    /// identity of the scoped context) — the test for an allowed redefinition
    /// of a protected term.
    func isSame(as other: TermDefinition) -> Bool {
        iri == other.iri && isPrefix == other.isPrefix && isReverse == other.isReverse
            && baseURL == other.baseURL && scopedContext == other.scopedContext && containers == other.containers
            && direction == other.direction && index == other.index && language == other.language
            && nest == other.nest && typeMapping == other.typeMapping
    }
}
