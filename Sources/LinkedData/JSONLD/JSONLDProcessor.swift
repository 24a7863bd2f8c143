/// The state of one JSON-LD operation (one `expand` or `toRDF` call): the
/// options, the documents loaded so far, where in the input it is, and what
/// safe mode has found.
final class JSONLDProcessor {
    let options: JSONLD.Options
    let cache: ContextCache?
    /// Remote documents loaded during this call, so that a context is read once per call.
    var loaded: [String: RemoteDocument] = [:]
    var violations: [SafeModeViolation] = []
    var path = JSONPath()
    var depth = 0

    init(options: JSONLD.Options) {
        self.options = options
        cache = options.documentLoader.contextCache
    }

    var processingMode: JSONLD.ProcessingMode { options.processingMode }

    func error(_ code: JSONLDError.Code, _ message: String) -> JSONLDError {
        JSONLDError(code, message, path: path.description)
    }

    func report(_ kind: SafeModeViolation.Kind, _ term: String) {
        guard options.safeMode else { return }
        violations.append(SafeModeViolation(kind: kind, term: term, path: path.description))
    }

    func initialContext(base: String?) -> ActiveContext {
        cache?.initialContext(base: base, processingMode: processingMode) ?? ActiveContext(base: base, processingMode: processingMode)
    }

    /// Loads a remote document once per call; loader failures become `code`.
    func load(_ url: String, failure code: JSONLDError.Code) throws(JSONLDError) -> RemoteDocument {
        if let document = loaded[url] { return document }
        do {
            let document = try options.documentLoader.loadDocument(url)
            loaded[url] = document
            return document
        } catch {
            throw self.error(code, "could not load \(url): \(error)")
        }
    }
}
