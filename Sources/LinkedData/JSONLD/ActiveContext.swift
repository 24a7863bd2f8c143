internal import Foundation

/// The state context processing builds and expansion reads: term definitions,
/// base IRI, vocabulary mapping, default language and direction.
///
/// Every distinct active context has an `id`, so processed contexts can be
/// cached by the context they were derived from.
struct ActiveContext: Sendable {
    var terms: [String: TermDefinition] = [:]
    var baseIRI: String?
    var originalBaseURL: String?
    var vocabulary: String?
    var defaultLanguage: String?
    var defaultDirection: BaseDirection?
    /// The context to return to when a type-scoped context stops applying.
    var previous: PreviousContext?
    var processingMode: JSONLD.ProcessingMode
    var id: UInt64

    init(base: String?, processingMode: JSONLD.ProcessingMode) {
        baseIRI = base
        originalBaseURL = base
        self.processingMode = processingMode
        id = ContextIdentity.next()
    }

    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }

    @inline(__always)
    func term(_ name: String) -> TermDefinition? { terms[name] }
}

/// Boxes the previous context, which `ActiveContext` cannot hold inline.
final class PreviousContext: Sendable {
    let context: ActiveContext
    init(_ context: ActiveContext) { self.context = context }
}

/// Hands out unique identities for active contexts and scoped contexts.
enum ContextIdentity {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter: UInt64 = 0

    static func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
}
