/// The Expansion Algorithm (JSON-LD 1.1 API §5.1.2), for elements and arrays;
/// the members of node objects are in `JSONLDProcessor+Members.swift`.
extension JSONLDProcessor {
    /// Expands a whole document (the `expand()` operation, steps 5–8).
    func expandDocument(_ input: JSONValue) throws(JSONLDError) -> [JSONValue] {
        var active = initialContext(base: options.base)
        if let expandContext = options.expandContext {
            let context = expandContext["@context"] ?? expandContext
            active = try processContext(active, context, baseURL: active.originalBaseURL)
        }
        let expanded = try expand(input, active: active, activeProperty: nil, baseURL: options.base)
        switch expanded {
        case nil: return []
        case .object(let object)? where object.count == 1 && object.contains("@graph"):
            return object["@graph"]!.asArray
        case .array(let items)?: return items
        case let other?: return [other]
        }
    }

    /// Expands one element; `nil` stands for JSON-LD's null (the element is dropped).
    func expand(
        _ element: JSONValue, active activeContext: ActiveContext, activeProperty: String?, baseURL: String?, fromMap: Bool = false
    ) throws(JSONLDError) -> JSONValue? {
        switch element {
        case .null:
            return nil
        case .string, .number, .bool:
            // Step 4: free-floating scalars are dropped.
            if activeProperty == nil || activeProperty == "@graph" { return nil }
            var active = activeContext
            if let property = activeProperty, let definition = active.term(property), let scoped = definition.scopedContext {
                active = try processContext(
                    active, scoped, baseURL: definition.baseURL, source: .scoped(definition.scopedContextID), overrideProtected: true)
            }
            return expandValue(element, active: active, activeProperty: activeProperty)
        case .array(let items):
            try descend()
            defer { depth -= 1 }
            var result: [JSONValue] = []
            let isList = activeProperty.flatMap { activeContext.term($0) }?.containers.contains(.list) ?? false
            for (i, item) in items.enumerated() {
                path.push(.index(i))
                defer { path.pop() }
                var expanded = try expand(item, active: activeContext, activeProperty: activeProperty, baseURL: baseURL, fromMap: fromMap)
                if isList, case .array(let inner)? = expanded {
                    expanded = ["@list": .array(inner)]
                }
                switch expanded {
                case .array(let inner)?: result.append(contentsOf: inner)
                case let value?: result.append(value)
                case nil: break
                }
            }
            return .array(result)
        case .object(let object):
            try descend()
            defer { depth -= 1 }
            return try expandObject(object, active: activeContext, activeProperty: activeProperty, baseURL: baseURL, fromMap: fromMap)
        }
    }

    func descend() throws(JSONLDError) {
        depth += 1
        if depth > options.maxDepth { throw error(.nestingTooDeep, "the document nests deeper than \(options.maxDepth) levels") }
    }

    /// Steps 7–20 for a map.
    private func expandObject(
        _ element: JSONObject, active activeContext: ActiveContext, activeProperty: String?, baseURL: String?, fromMap: Bool
    ) throws(JSONLDError) -> JSONValue? {
        var active = activeContext
        let propertyDefinition = activeProperty.flatMap { activeContext.term($0) }

        // Step 7: a type-scoped context does not reach into new node objects.
        if let previous = active.previous, !fromMap {
            var revert = true
            for key in element.keys where active.expandIRI(key, vocab: true) == "@value" {
                revert = false
                break
            }
            if revert && element.count == 1 && active.expandIRI(element.keys[0], vocab: true) == "@id" { revert = false }
            if revert { active = previous.context }
        }
        // Step 8: property-scoped context.
        if let definition = propertyDefinition, let scoped = definition.scopedContext {
            active = try processContext(
                active, scoped, baseURL: definition.baseURL, source: .scoped(definition.scopedContextID), overrideProtected: true)
        }
        // Step 9: embedded context.
        if let local = element["@context"] {
            path.push(.key("@context"))
            active = try processContext(active, local, baseURL: baseURL)
            path.pop()
        }
        let typeScopedContext = active

        // Step 11: type-scoped contexts, in the order of the sorted types.
        let sortedKeys = element.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var inputType: String? = nil
        var firstTypeSeen = false
        for key in sortedKeys where active.expandIRI(key, vocab: true) == "@type" {
            let types = element[key]!.asArray.compactMap(\.stringValue).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for type in types {
                if let definition = typeScopedContext.term(type), let scoped = definition.scopedContext {
                    active = try processContext(
                        active, scoped, baseURL: definition.baseURL, source: .scoped(definition.scopedContextID), propagate: false)
                }
            }
            // Step 12: the input type is the last value of the first @type entry.
            if !firstTypeSeen {
                firstTypeSeen = true
                if let last = element[key]!.asArray.last?.stringValue {
                    inputType = active.expandIRI(last, documentRelative: true, vocab: true)
                }
            }
        }

        var result = JSONObject()
        var state = MemberState(active: active, typeScopedContext: typeScopedContext, activeProperty: activeProperty, inputType: inputType)
        try expandMembers(element, keys: sortedKeys, into: &result, state: &state, baseURL: baseURL)
        return try finishExpandedObject(result, activeProperty: activeProperty)
    }

    /// Steps 15–20: checks on the finished map and dropping what carries no data.
    private func finishExpandedObject(_ finished: JSONObject, activeProperty: String?) throws(JSONLDError) -> JSONValue? {
        var result = finished
        if let value = result["@value"] {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            if let extra = result.keys.first(where: { !allowed.contains($0) }) {
                throw error(.invalidValueObject, "a value object cannot have \(extra)")
            }
            if result.contains("@type") && (result.contains("@language") || result.contains("@direction")) {
                throw error(.invalidValueObject, "a value object cannot have both @type and @language or @direction")
            }
            if result["@type"] != .string("@json") {
                if value == .null || value == .array([]) { return nil }
                if value.stringValue == nil && result.contains("@language") {
                    throw error(.invalidLanguageTaggedValue, "only strings can have a language, not \(value)")
                }
                if let type = result["@type"] {
                    guard case .string(let datatype) = type, IRI.hasScheme(datatype), !IRI.isBlankNodeIdentifier(datatype),
                        !datatype.unicodeScalars.contains(where: { $0.properties.isWhitespace })
                    else {
                        throw error(.invalidTypedValue, "the datatype \(type) of a value must be an absolute IRI")
                    }
                    if !IRI.isWellFormed(datatype) { report(.invalidDatatype, datatype) }
                }
            }
        } else if let type = result["@type"] {
            if case .array = type {} else { result["@type"] = .array([type]) }
        } else if result.contains("@set") || result.contains("@list") {
            if result.count > 2 || (result.count == 2 && !result.contains("@index")) {
                throw error(.invalidSetOrListObject, "@set and @list objects can only have @index besides")
            }
            if let set = result["@set"] {
                return set
            }
        }
        if result.count == 1 && result.contains("@language") { return nil }
        if activeProperty == nil || activeProperty == "@graph" {
            if result.isEmpty || result.contains("@value") || result.contains("@list") { return nil }
            if result.count == 1 && result.contains("@id") { return nil }
        }
        return .object(result)
    }

    /// Value Expansion (§5.3.2): a scalar becomes a value object, or a node
    /// reference when the term says its values are IRIs.
    func expandValue(_ value: JSONValue, active: ActiveContext, activeProperty: String?) -> JSONValue {
        let definition = activeProperty.flatMap { active.term($0) }
        if case .string(let s) = value, let typeMapping = definition?.typeMapping, typeMapping == "@id" || typeMapping == "@vocab" {
            let (iri, origin) = active.expandIRIWithOrigin(s, documentRelative: true, vocab: typeMapping == "@vocab")
            if origin != .keyword, let iri, !IRI.hasScheme(iri), !IRI.isBlankNodeIdentifier(iri) {
                report(.relativeIdentifier, s)
            }
            return ["@id": iri.map(JSONValue.string) ?? .null]
        }
        var result: JSONObject = ["@value": value]
        if let typeMapping = definition?.typeMapping, typeMapping != "@id", typeMapping != "@vocab", typeMapping != "@none" {
            result["@type"] = .string(typeMapping)
        } else if case .string = value {
            let language: String?
            switch definition?.language ?? .inherited {
            case .inherited: language = active.defaultLanguage
            case .cleared: language = nil
            case .set(let tag): language = tag
            }
            let direction: BaseDirection?
            switch definition?.direction ?? .inherited {
            case .inherited: direction = active.defaultDirection
            case .cleared: direction = nil
            case .set(let value): direction = value
            }
            if let language {
                result["@language"] = .string(language)
                if !LanguageTag.isWellFormed(language) { report(.invalidLanguageTag, language) }
            }
            if let direction { result["@direction"] = .string(direction.rawValue) }
        }
        return .object(result)
    }
}
