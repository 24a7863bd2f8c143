/// A setting that a term definition may leave to the context (`inherited`),
/// switch off explicitly with `null` (`cleared`), or set.
enum TermSetting<Value: Sendable & Hashable>: Sendable, Hashable {
    case inherited
    case cleared
    case set(Value)
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
