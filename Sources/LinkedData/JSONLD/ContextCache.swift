internal import Foundation

/// Processed JSON-LD contexts, kept across calls.
///
/// Processing the credentials v2 and Open Badges contexts (with their
/// type-scoped contexts) costs far more than expanding a credential, and the
/// same few contexts recur in every credential, so the result of applying a
/// context to an active context is remembered. A cache belongs to one
/// document loader (see `DocumentLoader.contextCache`): the same URL may mean
/// different documents to different loaders.
public final class ContextCache: @unchecked Sendable {
    struct Key: Hashable {
        enum Source: Hashable {
            /// A context given in a document (a URL, an array, an object).
            case value(JSONValue)
            /// The scoped context of a term definition, by its identity.
            case scoped(UInt64)
        }

        var parent: UInt64
        var source: Source
        var baseURL: String?
        var overrideProtected: Bool
        var propagate: Bool
    }

    struct InitialKey: Hashable {
        var base: String?
        var processingMode: JSONLD.ProcessingMode
    }

    private let lock = NSLock()
    private var processed: [Key: ActiveContext] = [:]
    private var initial: [InitialKey: ActiveContext] = [:]
    private let capacity: Int

    /// A cache that forgets everything once it holds `capacity` contexts (so a
    /// stream of documents with inline contexts cannot grow it without bound).
    public init(capacity: Int = 2048) {
        self.capacity = capacity
    }

    /// How many processed contexts the cache holds.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return processed.count
    }

    /// Forgets all processed contexts.
    public func removeAll() {
        lock.lock()
        processed.removeAll()
        initial.removeAll()
        lock.unlock()
    }

    func context(for key: Key) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return processed[key]
    }

    func store(_ context: ActiveContext, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if processed.count >= capacity { processed.removeAll(keepingCapacity: true) }
        processed[key] = context
    }

    /// The empty active context for a base IRI, the same instance (and so the
    /// same identity) every time.
    func initialContext(base: String?, processingMode: JSONLD.ProcessingMode) -> ActiveContext {
        let key = InitialKey(base: base, processingMode: processingMode)
        lock.lock()
        defer { lock.unlock() }
        if let context = initial[key] { return context }
        if initial.count >= capacity { initial.removeAll() }
        let context = ActiveContext(base: base, processingMode: processingMode)
        initial[key] = context
        return context
    }
}
