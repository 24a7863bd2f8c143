/// What Create Term Definition needs to know about the context definition it
/// is working through.
struct TermDefinitionBuilder {
    /// Entries of a context definition that are settings, not terms.
    static let contextKeywords: Set<String> = ["@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab"]
    static let termDefinitionKeys: Set<String> = [
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix", "@protected", "@type",
    ]

    let local: JSONObject
    /// Term → finished (`true`) or being defined (`false`), to catch cycles.
    var defined: [String: Bool] = [:]
    let baseURL: String?
    let protectedDefault: Bool
    let overrideProtected: Bool
    let remoteContexts: [String]
    let validateScopedContext: Bool

    init(local: JSONObject, baseURL: String?, protectedDefault: Bool, overrideProtected: Bool, remoteContexts: [String], validateScopedContext: Bool) {
        self.local = local
        self.baseURL = baseURL
        self.protectedDefault = protectedDefault
        self.overrideProtected = overrideProtected
        self.remoteContexts = remoteContexts
        self.validateScopedContext = validateScopedContext
    }
}

/// Create Term Definition (JSON-LD 1.1 API §4.2.2) and the IRI expansion it uses.
extension JSONLDProcessor {
    /// IRI expansion during context processing: terms of the context being
    /// processed are defined first when the value depends on them.
    func expandIRI(
        _ value: String, in result: inout ActiveContext, builder: inout TermDefinitionBuilder, documentRelative: Bool = false, vocab: Bool = false
    ) throws(JSONLDError) -> String? {
        if Keywords.isKeyword(value) { return value }
        if Keywords.hasKeywordForm(value) { return nil }
        if builder.local.contains(value) && builder.defined[value] != true {
            try createTermDefinition(value, in: &result, builder: &builder)
        }
        if let colon = value.firstIndex(of: ":"), colon != value.startIndex {
            let prefix = String(value[..<colon])
            // Blank node identifiers and `scheme://…` IRIs never depend on a prefix.
            if prefix == "_" || value[value.index(after: colon)...].hasPrefix("//") {
                return result.expandIRI(value, documentRelative: documentRelative, vocab: vocab)
            }
            if builder.local.contains(prefix) && builder.defined[prefix] != true {
                try createTermDefinition(prefix, in: &result, builder: &builder)
            }
        }
        return result.expandIRI(value, documentRelative: documentRelative, vocab: vocab)
    }

    func createTermDefinition(_ term: String, in result: inout ActiveContext, builder: inout TermDefinitionBuilder) throws(JSONLDError) {
        // Step 1: each term once; re-entering one that is being defined is a cycle.
        if let done = builder.defined[term] {
            if done { return }
            throw error(.cyclicIRIMapping, "the definition of \"\(term)\" depends on itself")
        }
        guard !term.isEmpty else { throw error(.invalidTermDefinition, "the empty string cannot be a term") }
        builder.defined[term] = false
        var value = builder.local[term] ?? .null

        // Steps 4–5: keywords cannot be redefined (except @type's container, in 1.1).
        if term == "@type" && processingMode == .jsonLD11 {
            guard case .object(let object) = value, !object.isEmpty,
                object.allSatisfy({ ($0.key == "@container" && $0.value == .string("@set")) || $0.key == "@protected" })
            else {
                throw error(.keywordRedefinition, "@type may only be given \"@container\": \"@set\" and @protected")
            }
        } else if Keywords.isKeyword(term) {
            throw error(.keywordRedefinition, "keyword \(term) cannot be redefined")
        } else if Keywords.hasKeywordForm(term) {
            // Reserved for future keywords: ignored, as the specification asks.
            builder.defined[term] = true
            return
        }

        // Step 6: the previous definition is removed, but kept to check protection.
        let previous = result.terms.removeValue(forKey: term)

        // Steps 7–9.
        var simpleTerm = false
        switch value {
        case .null: value = ["@id": .null]
        case .string(let s):
            value = ["@id": .string(s)]
            simpleTerm = true
        case .object: break
        default: throw error(.invalidTermDefinition, "the definition of \"\(term)\" must be a string, an object or null")
        }
        guard case .object(let entries) = value else { return }
        var definition = TermDefinition()

        // Step 11.
        if let protected = entries["@protected"] {
            if processingMode == .jsonLD10 { throw error(.invalidTermDefinition, "@protected in \"\(term)\" is not allowed in json-ld-1.0 mode") }
            guard case .bool(let flag) = protected else { throw error(.invalidProtectedValue, "@protected of \"\(term)\" must be true or false") }
            definition.isProtected = flag
        } else {
            definition.isProtected = builder.protectedDefault
        }

        // Step 12: type mapping.
        if let typeValue = entries["@type"] {
            guard case .string(let type) = typeValue else { throw error(.invalidTypeMapping, "@type of \"\(term)\" must be a string") }
            let expanded = try expandIRI(type, in: &result, builder: &builder, vocab: true)
            guard let expanded else { throw error(.invalidTypeMapping, "@type \"\(type)\" of \"\(term)\" does not expand to an IRI") }
            if (expanded == "@json" || expanded == "@none") && processingMode == .jsonLD10 {
                throw error(.invalidTypeMapping, "@type \(expanded) of \"\(term)\" is not allowed in json-ld-1.0 mode")
            }
            guard ["@id", "@json", "@none", "@vocab"].contains(expanded) || IRI.hasScheme(expanded) else {
                throw error(.invalidTypeMapping, "@type \"\(type)\" of \"\(term)\" is not an absolute IRI, @id, @vocab, @json or @none")
            }
            definition.typeMapping = expanded
        }

        // Step 13: reverse properties.
        if let reverseValue = entries["@reverse"] {
            if entries.contains("@id") || entries.contains("@nest") {
                throw error(.invalidReverseProperty, "\"\(term)\" has @reverse together with @id or @nest")
            }
            guard case .string(let reverse) = reverseValue else { throw error(.invalidIRIMapping, "@reverse of \"\(term)\" must be a string") }
            if Keywords.hasKeywordForm(reverse) {
                builder.defined[term] = true
                return
            }
            guard let expanded = try expandIRI(reverse, in: &result, builder: &builder, vocab: true),
                IRI.hasScheme(expanded) || IRI.isBlankNodeIdentifier(expanded), !Keywords.isKeyword(expanded)
            else {
                throw error(.invalidIRIMapping, "@reverse \"\(reverse)\" of \"\(term)\" does not expand to an IRI")
            }
            definition.iri = expanded
            if let container = entries["@container"] {
                switch container {
                case .null: break
                case .string("@set"): definition.containers = .set
                case .string("@index"): definition.containers = .index
                default: throw error(.invalidReverseProperty, "the @container of reverse property \"\(term)\" must be @set, @index or null")
                }
            }
            definition.isReverse = true
            try applyIndexMapping(entries, to: &definition, of: term, in: &result, builder: &builder)
            try finish(term, definition, previous: previous, in: &result, builder: &builder)
            return
        }

        // Steps 14–18: the IRI mapping.
        if let idValue = entries["@id"], idValue != .string(term) {
            switch idValue {
            case .null:
                definition.iri = nil
            case .string(let id):
                if !Keywords.isKeyword(id) && Keywords.hasKeywordForm(id) {
                    builder.defined[term] = true
                    return
                }
                guard let expanded = try expandIRI(id, in: &result, builder: &builder, vocab: true),
                    Keywords.isKeyword(expanded) || IRI.hasScheme(expanded) || IRI.isBlankNodeIdentifier(expanded)
                else {
                    throw error(.invalidIRIMapping, "@id \"\(id)\" of \"\(term)\" does not expand to an IRI, blank node or keyword")
                }
                if expanded == "@context" { throw error(.invalidKeywordAlias, "\"\(term)\" cannot be an alias of @context") }
                definition.iri = expanded
                let innerColon = term.dropFirst().dropLast().contains(":")
                if innerColon || term.contains("/") {
                    builder.defined[term] = true
                    let own = try expandIRI(term, in: &result, builder: &builder, vocab: true)
                    if own != expanded {
                        throw error(.invalidIRIMapping, "\"\(term)\" looks like an IRI (\(own ?? "null")) but is mapped to \(expanded)")
                    }
                }
                if !term.contains(":") && !term.contains("/") && simpleTerm
                    && (Keywords.endsWithGenDelim(expanded) || IRI.isBlankNodeIdentifier(expanded))
                {
                    definition.isPrefix = true
                }
            default:
                throw error(.invalidIRIMapping, "@id of \"\(term)\" must be a string or null")
            }
        } else if let colon = term.dropFirst().firstIndex(of: ":") {
            let prefix = String(term[..<colon])
            let suffix = term[term.index(after: colon)...]
            if builder.local.contains(prefix) {
                try createTermDefinition(prefix, in: &result, builder: &builder)
            }
            if let prefixDefinition = result.terms[prefix], let prefixIRI = prefixDefinition.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            // Expanded without the local context: the term itself is being defined.
            guard let expanded = result.expandIRI(term, vocab: true), IRI.hasScheme(expanded) else {
                throw error(.invalidIRIMapping, "\"\(term)\" is a relative IRI that does not expand to an absolute one")
            }
            definition.iri = expanded
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocabulary = result.vocabulary {
            definition.iri = vocabulary + term
        } else {
            throw error(.invalidIRIMapping, "\"\(term)\" has no @id and there is no @vocab to derive one")
        }

        // Step 19: containers.
        if let container = entries["@container"] {
            definition.containers = try containerMapping(container, of: term)
            if definition.containers.contains(.type) {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw error(.invalidTypeMapping, "\"\(term)\" has a @type container, so its @type must be @id or @vocab")
                }
            }
        }

        // Step 20: property-valued indexes.
        try applyIndexMapping(entries, to: &definition, of: term, in: &result, builder: &builder)

        // Step 21: scoped contexts are checked now, but applied during expansion.
        if let scoped = entries["@context"] {
            if processingMode == .jsonLD10 { throw error(.invalidTermDefinition, "scoped @context of \"\(term)\" is not allowed in json-ld-1.0 mode") }
            do {
                _ = try processContext(
                    result, scoped, baseURL: builder.baseURL, remoteContexts: builder.remoteContexts, overrideProtected: true,
                    validateScopedContext: false)
            } catch let failure {
                throw error(.invalidScopedContext, "the scoped context of \"\(term)\" is invalid: \(failure)")
            }
            definition.scopedContext = scoped
            definition.scopedContextID = ContextIdentity.next()
            definition.baseURL = builder.baseURL
        }

        // Steps 22–23: language and direction (only for untyped terms).
        if let language = entries["@language"], !entries.contains("@type") {
            switch language {
            case .null: definition.language = .cleared
            case .string(let tag): definition.language = .set(tag.lowercased())
            default: throw error(.invalidLanguageMapping, "@language of \"\(term)\" must be a string or null")
            }
        }
        if let direction = entries["@direction"], !entries.contains("@type") {
            switch direction {
            case .null: definition.direction = .cleared
            case .string(let value) where BaseDirection(rawValue: value) != nil: definition.direction = .set(BaseDirection(rawValue: value)!)
            default: throw error(.invalidBaseDirection, "@direction of \"\(term)\" must be \"ltr\", \"rtl\" or null")
            }
        }

        // Step 24: @nest.
        if let nestValue = entries["@nest"] {
            if processingMode == .jsonLD10 { throw error(.invalidTermDefinition, "@nest in \"\(term)\" is not allowed in json-ld-1.0 mode") }
            guard case .string(let nest) = nestValue, !Keywords.isKeyword(nest) || nest == "@nest" else {
                throw error(.invalidNestValue, "@nest of \"\(term)\" must be a term or @nest")
            }
            definition.nest = nest
        }

        // Step 25: @prefix.
        if let prefixValue = entries["@prefix"] {
            if processingMode == .jsonLD10 || term.contains(":") || term.contains("/") {
                throw error(.invalidTermDefinition, "\"\(term)\" cannot have @prefix")
            }
            guard case .bool(let flag) = prefixValue else { throw error(.invalidPrefixValue, "@prefix of \"\(term)\" must be true or false") }
            definition.isPrefix = flag
            if flag, let iri = definition.iri, Keywords.isKeyword(iri) {
                throw error(.invalidTermDefinition, "\"\(term)\" maps to a keyword and cannot be a prefix")
            }
        }

        // Step 26.
        for key in entries.keys where !TermDefinitionBuilder.termDefinitionKeys.contains(key) {
            throw error(.invalidTermDefinition, "\"\(term)\" has an unknown entry \"\(key)\"")
        }
        try finish(term, definition, previous: previous, in: &result, builder: &builder)
    }

    /// Step 20 (also for reverse properties, which the test suite expects to
    /// support property-valued indexes).
    private func applyIndexMapping(
        _ entries: JSONObject, to definition: inout TermDefinition, of term: String, in result: inout ActiveContext,
        builder: inout TermDefinitionBuilder
    ) throws(JSONLDError) {
        guard let indexValue = entries["@index"] else { return }
        guard processingMode == .jsonLD11, definition.containers.contains(.index) else {
            throw error(.invalidTermDefinition, "@index of \"\(term)\" needs an @index container (and json-ld-1.1)")
        }
        guard case .string(let index) = indexValue, let expanded = try expandIRI(index, in: &result, builder: &builder, vocab: true),
            IRI.hasScheme(expanded)
        else {
            throw error(.invalidTermDefinition, "@index of \"\(term)\" must expand to an absolute IRI")
        }
        definition.index = index
    }

    /// Steps 27–28: a protected term keeps its definition unless the new one is the same.
    private func finish(
        _ term: String, _ definition: TermDefinition, previous: TermDefinition?, in result: inout ActiveContext, builder: inout TermDefinitionBuilder
    ) throws(JSONLDError) {
        var definition = definition
        if !builder.overrideProtected, let previous, previous.isProtected {
            guard definition.isSame(as: previous) else {
                throw error(.protectedTermRedefinition, "\"\(term)\" is protected and cannot be redefined")
            }
            definition = previous
        }
        result.terms[term] = definition
        builder.defined[term] = true
    }

    private func containerMapping(_ value: JSONValue, of term: String) throws(JSONLDError) -> ContainerMapping {
        var keywords: [String] = []
        switch value {
        case .null: return []
        case .string(let s): keywords = [s]
        case .array(let items):
            if processingMode == .jsonLD10 { throw error(.invalidContainerMapping, "@container of \"\(term)\" must be a string in json-ld-1.0 mode") }
            for item in items {
                guard case .string(let s) = item else { throw error(.invalidContainerMapping, "@container of \"\(term)\" must hold strings") }
                keywords.append(s)
            }
        default:
            throw error(.invalidContainerMapping, "@container of \"\(term)\" must be a string or an array")
        }
        var mapping: ContainerMapping = []
        for keyword in keywords {
            guard let kind = ContainerMapping(keyword: keyword) else {
                throw error(.invalidContainerMapping, "\"\(keyword)\" is not a container kind (in \"\(term)\")")
            }
            mapping.insert(kind)
        }
        if processingMode == .jsonLD10 && !mapping.isDisjoint(with: [.graph, .id, .type]) {
            throw error(.invalidContainerMapping, "@container \(keywords) of \"\(term)\" is not allowed in json-ld-1.0 mode")
        }
        // Allowed: one kind alone; @set with anything but @list; @graph with @id or @index (optionally @set).
        let valid: Bool
        if keywords.count <= 1 {
            valid = keywords.count == 1
        } else if mapping.contains(.graph) {
            let rest = mapping.subtracting([.graph, .set])
            valid = rest.isEmpty || rest == .id || rest == .index
        } else if mapping.contains(.set) {
            valid = !mapping.contains(.list) && mapping.subtracting(.set).rawValue.nonzeroBitCount == 1 && keywords.count == 2
        } else {
            valid = false
        }
        guard valid else { throw error(.invalidContainerMapping, "@container \(keywords) of \"\(term)\" is not a valid combination") }
        return mapping
    }
}
