/// Context Processing (JSON-LD 1.1 API §4.1.2).
extension JSONLDProcessor {
    /// Applies `local` to `active`, reusing an earlier result for the same
    /// pair from the loader's cache. `source` identifies `local` for the cache.
    func processContext(
        _ active: ActiveContext, _ local: JSONValue, baseURL: String?, source: ContextCache.Key.Source? = nil,
        overrideProtected: Bool = false, propagate: Bool = true
    ) throws(JSONLDError) -> ActiveContext {
        guard let cache else {
            return try processContext(active, local, baseURL: baseURL, remoteContexts: [], overrideProtected: overrideProtected, propagate: propagate)
        }
        let key = ContextCache.Key(
            parent: active.id, source: source ?? .value(local), baseURL: baseURL,
            overrideProtected: overrideProtected, propagate: propagate)
        if let hit = cache.context(for: key) { return hit }
        let result = try processContext(active, local, baseURL: baseURL, remoteContexts: [], overrideProtected: overrideProtected, propagate: propagate)
        // Failures are not cached: a bad context fails again, with its message, next time.
        cache.store(result, for: key)
        return result
    }

    func processContext(
        _ active: ActiveContext, _ local: JSONValue, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool = false, propagate propagateIn: Bool = true, validateScopedContext: Bool = true
    ) throws(JSONLDError) -> ActiveContext {
        var result = active
        var propagate = propagateIn
        var remoteContexts = remoteContexts
        if case .object(let object) = local, let value = object["@propagate"] {
            guard case .bool(let flag) = value else { throw error(.invalidPropagateValue, "@propagate must be true or false, not \(value)") }
            propagate = flag
        }
        if !propagate && result.previous == nil { result.previous = PreviousContext(active) }

        for context in local.asArray {
            switch context {
            case .null:
                if !overrideProtected && result.hasProtectedTerms {
                    throw error(.invalidContextNullification, "a null context would remove protected terms")
                }
                let before = result
                result = ActiveContext(base: active.originalBaseURL, processingMode: processingMode)
                if !propagate { result.previous = PreviousContext(before) }
                continue

            case .string(let reference):
                let url = IRI.resolve(reference, against: baseURL)
                guard IRI.hasScheme(url) else {
                    throw error(.loadingDocumentFailed, "context reference \"\(reference)\" is relative and there is no base IRI to resolve it against")
                }
                if !validateScopedContext && remoteContexts.contains(url) { continue }
                if remoteContexts.count >= options.maxRemoteContexts {
                    throw error(.contextOverflow, "more than \(options.maxRemoteContexts) remote contexts (is \(url) including itself?)")
                }
                remoteContexts.append(url)
                let remote = try load(url, failure: .loadingRemoteContextFailed)
                guard case .object(let document) = remote.document, let loadedContext = document["@context"] else {
                    throw error(.invalidRemoteContext, "\(url) is not a JSON object with an @context entry")
                }
                result = try processContext(
                    result, loadedContext, baseURL: remote.documentURL, remoteContexts: remoteContexts,
                    validateScopedContext: validateScopedContext)
                continue

            case .object(var definition):
                try applyContextDefinition(
                    &definition, to: &result, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: overrideProtected, validateScopedContext: validateScopedContext)

            default:
                throw error(.invalidLocalContext, "a context must be null, a string or an object, not \(context)")
            }
        }
        result.id = ContextIdentity.next()
        return result
    }

    /// Steps 5.5–5.13: one context definition (an object).
    private func applyContextDefinition(
        _ definition: inout JSONObject, to result: inout ActiveContext, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool, validateScopedContext: Bool
    ) throws(JSONLDError) {
        if let version = definition["@version"] {
            guard case .number(let number) = version, number.value == 1.1 else {
                throw error(.invalidVersionValue, "@version must be 1.1, not \(version)")
            }
            if processingMode == .jsonLD10 { throw error(.processingModeConflict, "@version 1.1 in json-ld-1.0 processing mode") }
        }
        if let importValue = definition["@import"] {
            if processingMode == .jsonLD10 { throw error(.invalidContextEntry, "@import is not allowed in json-ld-1.0 mode") }
            guard case .string(let reference) = importValue else { throw error(.invalidImportValue, "@import must be a string, not \(importValue)") }
            let url = IRI.resolve(reference, against: baseURL)
            let remote = try load(url, failure: .loadingRemoteContextFailed)
            guard case .object(let document) = remote.document, case .object(let imported)? = document["@context"] else {
                throw error(.invalidRemoteContext, "imported \(url) is not a JSON object whose @context is an object")
            }
            if imported.contains("@import") { throw error(.invalidContextEntry, "imported context \(url) must not itself contain @import") }
            var merged = imported
            for (key, value) in definition where key != "@import" { merged[key] = value }
            definition = merged
        }
        if let base = definition["@base"], remoteContexts.isEmpty {
            switch base {
            case .null:
                result.baseIRI = nil
            case .string(let value):
                if IRI.hasScheme(value) {
                    result.baseIRI = value
                } else if let current = result.baseIRI {
                    result.baseIRI = IRI.resolve(value, against: current)
                } else {
                    throw error(.invalidBaseIRI, "relative @base \"\(value)\" without a base IRI to resolve it against")
                }
            default:
                throw error(.invalidBaseIRI, "@base must be a string or null, not \(base)")
            }
        }
        if let vocab = definition["@vocab"] {
            switch vocab {
            case .null:
                result.vocabulary = nil
            case .string(let value):
                if processingMode == .jsonLD10 && !IRI.hasScheme(value) && !IRI.isBlankNodeIdentifier(value) {
                    throw error(.invalidVocabMapping, "@vocab must be an absolute IRI in json-ld-1.0 mode, not \"\(value)\"")
                }
                guard let expanded = result.expandIRI(value, documentRelative: true, vocab: true),
                    IRI.hasScheme(expanded) || IRI.isBlankNodeIdentifier(expanded)
                else {
                    throw error(.invalidVocabMapping, "@vocab \"\(value)\" does not expand to an IRI or blank node")
                }
                result.vocabulary = expanded
            default:
                throw error(.invalidVocabMapping, "@vocab must be a string or null, not \(vocab)")
            }
        }
        if let language = definition["@language"] {
            switch language {
            case .null: result.defaultLanguage = nil
            case .string(let tag): result.defaultLanguage = tag.lowercased()
            default: throw error(.invalidDefaultLanguage, "@language must be a string or null, not \(language)")
            }
        }
        if let direction = definition["@direction"] {
            if processingMode == .jsonLD10 { throw error(.invalidContextEntry, "@direction is not allowed in json-ld-1.0 mode") }
            switch direction {
            case .null: result.defaultDirection = nil
            case .string(let value) where BaseDirection(rawValue: value) != nil: result.defaultDirection = BaseDirection(rawValue: value)
            default: throw error(.invalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null, not \(direction)")
            }
        }
        if let propagate = definition["@propagate"] {
            if processingMode == .jsonLD10 { throw error(.invalidContextEntry, "@propagate is not allowed in json-ld-1.0 mode") }
            guard case .bool = propagate else { throw error(.invalidPropagateValue, "@propagate must be true or false, not \(propagate)") }
        }
        var protectedDefault = false
        if let protected = definition["@protected"] {
            guard case .bool(let flag) = protected else { throw error(.invalidProtectedValue, "@protected must be true or false, not \(protected)") }
            protectedDefault = flag
        }
        var builder = TermDefinitionBuilder(
            local: definition, baseURL: baseURL, protectedDefault: protectedDefault, overrideProtected: overrideProtected,
            remoteContexts: remoteContexts, validateScopedContext: validateScopedContext)
        for key in definition.keys where !TermDefinitionBuilder.contextKeywords.contains(key) {
            try createTermDefinition(key, in: &result, builder: &builder)
        }
    }
}
