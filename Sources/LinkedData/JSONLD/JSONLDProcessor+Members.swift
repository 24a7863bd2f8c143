/// What the members of one map are expanded with.
struct MemberState {
    var active: ActiveContext
    /// The context before type-scoped contexts applied: `@type` values are expanded with it.
    let typeScopedContext: ActiveContext
    let activeProperty: String?
    /// The expanded last `@type` of the map (`@json` makes `@value` a JSON literal).
    let inputType: String?
}

/// Steps 13–14 of the Expansion Algorithm: the members of a map, including
/// those nested under `@nest`.
extension JSONLDProcessor {
    func expandMembers(
        _ element: JSONObject, keys: [String], into result: inout JSONObject, state: inout MemberState, baseURL: String?
    ) throws(JSONLDError) {
        let active = state.active
        var nests: [String] = []
        for key in keys where key != "@context" {
            let value = element[key]!
            path.push(.key(key))
            defer { path.pop() }
            let expansion = active.expandIRIWithOrigin(key, vocab: true)
            guard let expandedProperty = expansion.iri, Keywords.isKeyword(expandedProperty) || expandedProperty.contains(":") else {
                // Step 13.3: dropped, and so never signed.
                report(.undefinedProperty, key)
                continue
            }
            if Keywords.isKeyword(expandedProperty) {
                if expandedProperty == "@nest" {
                    if !nests.contains(key) { nests.append(key) }
                    continue
                }
                try expandKeyword(expandedProperty, value: value, into: &result, state: state, baseURL: baseURL)
                continue
            }
            try expandProperty(key, expandedProperty: expandedProperty, value: value, into: &result, state: state, baseURL: baseURL)
        }
        for nestKey in nests.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            path.push(.key(nestKey))
            defer { path.pop() }
            // A nesting term may carry its own (property-scoped) context.
            var nestedState = state
            if let definition = active.term(nestKey), let scoped = definition.scopedContext {
                nestedState.active = try processContext(
                    active, scoped, baseURL: definition.baseURL, source: .scoped(definition.scopedContextID), overrideProtected: true)
            }
            for nested in element[nestKey]!.asArray {
                guard case .object(let object) = nested,
                    !object.keys.contains(where: { nestedState.active.expandIRI($0, vocab: true) == "@value" })
                else {
                    throw error(.invalidNestValue, "the value of \(nestKey) must be a map without @value")
                }
                let nestedKeys = object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                try expandMembers(object, keys: nestedKeys, into: &result, state: &nestedState, baseURL: baseURL)
            }
        }
    }

    /// Step 13.4: a key that expands to a keyword.
    private func expandKeyword(
        _ keyword: String, value: JSONValue, into result: inout JSONObject, state: MemberState, baseURL: String?
    ) throws(JSONLDError) {
        let active = state.active
        if state.activeProperty == "@reverse" {
            throw error(.invalidReversePropertyMap, "a @reverse map cannot contain the keyword \(keyword)")
        }
        if result.contains(keyword) && keyword != "@included" && keyword != "@type" {
            throw error(.collidingKeywords, "\(keyword) is given more than once (through aliases)")
        }
        switch keyword {
        case "@id":
            guard case .string(let id) = value else { throw error(.invalidIdValue, "@id must be a string, not \(value)") }
            let (iri, origin) = active.expandIRIWithOrigin(id, documentRelative: true)
            if let iri {
                if origin != .keyword && !IRI.hasScheme(iri) && !IRI.isBlankNodeIdentifier(iri) { report(.relativeIdentifier, id) }
                result["@id"] = .string(iri)
            } else {
                // Looks like a keyword: ignored, which leaves the node without an identifier.
                result["@id"] = .null
            }
        case "@type":
            var types: [String] = []
            for item in value.asArray {
                guard case .string(let type) = item else { throw error(.invalidTypeValue, "@type must be a string or an array of strings, not \(value)") }
                let (iri, origin) = state.typeScopedContext.expandIRIWithOrigin(type, documentRelative: true, vocab: true)
                if origin == .documentRelative || origin == .unchanged || (origin == .term && iri == nil) { report(.undefinedType, type) }
                if let iri { types.append(iri) }
            }
            var expanded: JSONValue = value.arrayValue == nil && types.count == 1 ? .string(types[0]) : .array(types.map(JSONValue.string))
            if let existing = result["@type"] { expanded = .array(existing.asArray + expanded.asArray) }
            result["@type"] = expanded
        case "@graph":
            let expanded = try expand(value, active: active, activeProperty: "@graph", baseURL: baseURL)
            result["@graph"] = .array(expanded?.asArray ?? [])
        case "@included":
            if processingMode == .jsonLD10 { return }
            // Expanded as the value of @included, so that values and lists are kept
            // (and rejected below) instead of being dropped as free-floating.
            let expanded = try expand(value, active: active, activeProperty: "@included", baseURL: baseURL)?.asArray ?? []
            for item in expanded {
                guard case .object(let node) = item, !node.contains("@value"), !node.contains("@list"), !node.contains("@set") else {
                    throw error(.invalidIncludedValue, "@included must hold node objects")
                }
            }
            result["@included"] = .array((result["@included"]?.asArray ?? []) + expanded)
        case "@value":
            if state.inputType == "@json" {
                if processingMode == .jsonLD10 { throw error(.invalidValueObjectValue, "JSON literals need json-ld-1.1") }
            } else if !(value.isScalar || value.isNull) {
                throw error(.invalidValueObjectValue, "@value must be a string, number, Boolean or null, not \(value)")
            }
            result["@value"] = value
        case "@language":
            guard case .string(let tag) = value else { throw error(.invalidLanguageTaggedString, "@language must be a string, not \(value)") }
            if !LanguageTag.isWellFormed(tag) { report(.invalidLanguageTag, tag) }
            result["@language"] = .string(tag.lowercased())
        case "@direction":
            if processingMode == .jsonLD10 { return }
            guard case .string(let direction) = value, BaseDirection(rawValue: direction) != nil else {
                throw error(.invalidBaseDirection, "@direction must be \"ltr\" or \"rtl\", not \(value)")
            }
            result["@direction"] = value
        case "@index":
            guard case .string = value else { throw error(.invalidIndexValue, "@index must be a string, not \(value)") }
            result["@index"] = value
        case "@list":
            guard let property = state.activeProperty, property != "@graph" else { return }
            let items = try expand(value, active: active, activeProperty: property, baseURL: baseURL)?.asArray ?? []
            if processingMode == .jsonLD10, items.contains(where: { $0["@list"] != nil }) {
                throw error(.listOfLists, "lists of lists need json-ld-1.1")
            }
            result["@list"] = .array(items)
        case "@set":
            result["@set"] = try expand(value, active: active, activeProperty: state.activeProperty, baseURL: baseURL)
        case "@reverse":
            guard case .object = value else { throw error(.invalidReverseValue, "@reverse must be a map, not \(value)") }
            guard case .object(let expanded)? = try expand(value, active: active, activeProperty: "@reverse", baseURL: baseURL) else { return }
            if case .object(let doubleReversed)? = expanded["@reverse"] {
                for (property, items) in doubleReversed { result.appendValues(items.asArray, forKey: property) }
            }
            var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
            for (property, items) in expanded where property != "@reverse" {
                for item in items.asArray {
                    if item["@value"] != nil || item["@list"] != nil {
                        throw error(.invalidReversePropertyValue, "a reverse property cannot have a value or list object as its value")
                    }
                    reverseMap.appendValues([item], forKey: property)
                }
            }
            if !reverseMap.isEmpty { result["@reverse"] = .object(reverseMap) }
        default:
            // Other keywords (@context handled earlier, @base, @vocab…) carry no data in a node.
            break
        }
    }

    /// Steps 13.5–13.14: a key that expands to an IRI.
    private func expandProperty(
        _ key: String, expandedProperty: String, value: JSONValue, into result: inout JSONObject, state: MemberState, baseURL: String?
    ) throws(JSONLDError) {
        let active = state.active
        let definition = active.term(key)
        let containers = definition?.containers ?? []
        var expanded: JSONValue?
        if definition?.typeMapping == "@json" {
            expanded = ["@value": value, "@type": "@json"]
        } else if containers.contains(.language), case .object(let map) = value {
            expanded = try expandLanguageMap(map, definition: definition, active: active)
        } else if !containers.isDisjoint(with: [.index, .type, .id]), case .object(let map) = value {
            expanded = try expandIndexMap(map, key: key, definition: definition!, active: active, baseURL: baseURL)
        } else {
            expanded = try expand(value, active: active, activeProperty: key, baseURL: baseURL)
        }
        guard var values = expanded else { return }
        if containers.contains(.list) && values["@list"] == nil {
            values = ["@list": .array(values.asArray)]
        }
        if containers.contains(.graph) && !containers.contains(.id) && !containers.contains(.index) {
            values = .array(values.asArray.map { ["@graph": .array($0.asArray)] })
        }
        if definition?.isReverse == true {
            var reverseMap = result["@reverse"]?.objectValue ?? JSONObject()
            for item in values.asArray {
                if item["@value"] != nil || item["@list"] != nil {
                    throw error(.invalidReversePropertyValue, "reverse property \(key) cannot have a value or list object as its value")
                }
            }
            reverseMap.appendValues(values.asArray, forKey: expandedProperty)
            result["@reverse"] = .object(reverseMap)
        } else {
            result.appendValues(values.asArray, forKey: expandedProperty)
        }
    }

    /// Step 13.7: `{"en": "…", "nl": ["…"]}` under a `@language` container.
    private func expandLanguageMap(_ map: JSONObject, definition: TermDefinition?, active: ActiveContext) throws(JSONLDError) -> JSONValue {
        var values: [JSONValue] = []
        let direction: BaseDirection?
        switch definition?.direction ?? .inherited {
        case .inherited: direction = active.defaultDirection
        case .cleared: direction = nil
        case .set(let value): direction = value
        }
        for language in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for item in map[language]!.asArray {
                if item.isNull { continue }
                guard case .string = item else {
                    throw error(.invalidLanguageMapValue, "values of a language map must be strings, not \(item)")
                }
                var value: JSONObject = ["@value": item]
                if language != "@none" && active.expandIRI(language, vocab: true) != "@none" {
                    if !LanguageTag.isWellFormed(language) { report(.invalidLanguageTag, language) }
                    value["@language"] = .string(language.lowercased())
                }
                if let direction { value["@direction"] = .string(direction.rawValue) }
                values.append(.object(value))
            }
        }
        return .array(values)
    }

    /// Step 13.8: maps under `@index`, `@id` and `@type` containers.
    private func expandIndexMap(
        _ map: JSONObject, key: String, definition: TermDefinition, active: ActiveContext, baseURL: String?
    ) throws(JSONLDError) -> JSONValue {
        let containers = definition.containers
        let indexKey = definition.index ?? "@index"
        var values: [JSONValue] = []
        for index in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            path.push(.key(index))
            defer { path.pop() }
            var mapContext = active
            if containers.contains(.id) || containers.contains(.type) {
                mapContext = active.previous?.context ?? active
                if containers.contains(.type), let indexDefinition = mapContext.term(index), let scoped = indexDefinition.scopedContext {
                    mapContext = try processContext(
                        mapContext, scoped, baseURL: indexDefinition.baseURL, source: .scoped(indexDefinition.scopedContextID))
                }
            }
            let expandedIndex = active.expandIRI(index, vocab: true)
            let items = try expand(.array(map[index]!.asArray), active: mapContext, activeProperty: key, baseURL: baseURL, fromMap: true)?.asArray ?? []
            for item in items {
                var object = item.objectValue ?? JSONObject()
                if containers.contains(.graph) && !isGraphObject(object) {
                    object = ["@graph": .array(item.asArray)]
                }
                if containers.contains(.index) && indexKey != "@index" && expandedIndex != "@none" {
                    let reExpanded = expandValue(.string(index), active: active, activeProperty: indexKey)
                    guard let expandedIndexKey = active.expandIRI(indexKey, vocab: true) else { continue }
                    object[expandedIndexKey] = .array([reExpanded] + (object[expandedIndexKey]?.asArray ?? []))
                    if object.contains("@value") {
                        throw error(.invalidValueObject, "a value in a property-valued index cannot be a value object")
                    }
                } else if containers.contains(.index) && !object.contains("@index") && expandedIndex != "@none" {
                    object["@index"] = .string(index)
                } else if containers.contains(.id) && !object.contains("@id") && expandedIndex != "@none" {
                    if let id = active.expandIRI(index, documentRelative: true) {
                        if !IRI.hasScheme(id) && !IRI.isBlankNodeIdentifier(id) { report(.relativeIdentifier, index) }
                        object["@id"] = .string(id)
                    }
                } else if containers.contains(.type) && expandedIndex != "@none", let expandedIndex {
                    object["@type"] = .array([.string(expandedIndex)] + (object["@type"]?.asArray ?? []))
                }
                values.append(.object(object))
            }
        }
        return .array(values)
    }

    func isGraphObject(_ object: JSONObject) -> Bool {
        object.contains("@graph") && object.keys.allSatisfy { $0 == "@graph" || $0 == "@id" || $0 == "@index" || $0 == "@context" }
    }
}
