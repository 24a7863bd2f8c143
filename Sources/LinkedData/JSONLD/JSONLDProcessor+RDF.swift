/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1–8.3).
extension JSONLDProcessor {
    func toRDF(expanded: [JSONValue]) throws(JSONLDError) -> RDFDataset {
        var nodeMap = NodeMap()
        var none: [NodeMap.Item]? = nil
        try nodeMap.add(.array(expanded), graph: "@default", subject: .none, property: nil, list: &none)
        var labeller = nodeMap.blankNodes
        var quads: [RDFQuad] = []
        let byCodePoint: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for graphName in nodeMap.graphs.keys.sorted(by: byCodePoint) {
            let graphTerm: RDFTerm?
            if graphName == "@default" {
                graphTerm = nil
            } else if let term = resource(graphName) {
                graphTerm = term
            } else {
                continue
            }
            let graph = nodeMap.graphs[graphName]!
            for subjectID in graph.keys.sorted(by: byCodePoint) {
                guard let subject = resource(subjectID) else { continue }
                let node = graph[subjectID]!
                for type in node.types {
                    guard let object = resource(type) else { continue }
                    quads.append(RDFQuad(subject: subject, predicate: .iri(RDFVocabulary.type), object: object, graph: graphTerm))
                }
                for property in node.properties.keys.sorted(by: byCodePoint) {
                    // Blank node predicates (generalized RDF) are not RDF and are dropped.
                    guard !IRI.isBlankNodeIdentifier(property), IRI.isWellFormed(property) else { continue }
                    let predicate = RDFTerm.iri(property)
                    for item in node.properties[property]!.items {
                        var listTriples: [RDFQuad] = []
                        guard let object = try rdfObject(item, listTriples: &listTriples, labeller: &labeller) else { continue }
                        quads.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graphTerm))
                        for var triple in listTriples {
                            triple.graph = graphTerm
                            quads.append(triple)
                        }
                    }
                }
            }
        }
        return RDFDataset(quads: quads)
    }

    /// An IRI or blank node for a node identifier; `nil` (dropped) when it is neither.
    private func resource(_ id: String) -> RDFTerm? {
        if IRI.isBlankNodeIdentifier(id) { return .blankNode(String(id.dropFirst(2))) }
        return IRI.isWellFormed(id) ? .iri(id) : nil
    }

    /// Object to RDF (§8.2).
    private func rdfObject(_ item: NodeMap.Item, listTriples: inout [RDFQuad], labeller: inout BlankNodeLabeller) throws(JSONLDError) -> RDFTerm? {
        switch item {
        case .node(let id):
            return resource(id)
        case .list(let items):
            return try rdfList(items, listTriples: &listTriples, labeller: &labeller)
        case .value(let value):
            return try rdfLiteral(value, listTriples: &listTriples, labeller: &labeller)
        }
    }

    private func rdfLiteral(_ item: JSONObject, listTriples: inout [RDFQuad], labeller: inout BlankNodeLabeller) throws(JSONLDError) -> RDFTerm? {
        let value = item["@value"] ?? .null
        var datatype = item["@type"]?.stringValue
        let language = item["@language"]?.stringValue
        if let datatype, datatype != "@json", !IRI.isWellFormed(datatype) { return nil }
        if let language, !LanguageTag.isWellFormed(language) { return nil }
        var lexical: String
        if datatype == "@json" {
            do {
                lexical = try JCS.canonicalString(value)
            } catch {
                throw JSONLDError(.invalidJSONLiteral, "a JSON literal cannot be canonicalized: \(error)")
            }
            datatype = RDFVocabulary.json
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                if datatype == nil { datatype = RDFVocabulary.xsdBoolean }
            case .number(let number):
                if !number.hasIntegralValue || abs(number.value) >= 1e21 || datatype == RDFVocabulary.xsdDouble {
                    guard number.value.isFinite else { return nil }
                    lexical = RDFNumber.canonicalDouble(number.value)
                    if datatype == nil { datatype = RDFVocabulary.xsdDouble }
                } else {
                    lexical = RDFNumber.canonicalInteger(number)
                    if datatype == nil { datatype = RDFVocabulary.xsdInteger }
                }
            case .string(let s):
                lexical = s
                if datatype == nil { datatype = language == nil ? RDFVocabulary.xsdString : RDFVocabulary.langString }
            default:
                return nil
            }
        }
        if let direction = item["@direction"]?.stringValue, let mode = options.rdfDirection {
            let tag = language?.lowercased() ?? ""
            switch mode {
            case .i18nDatatype:
                return .literal(RDFLiteral(lexical, datatype: RDFVocabulary.i18n + tag + "_" + direction))
            case .compoundLiteral:
                let node = RDFTerm.blankNode(String(labeller.fresh().dropFirst(2)))
                listTriples.append(RDFQuad(subject: node, predicate: .iri(RDFVocabulary.value), object: .literal(RDFLiteral(lexical))))
                if let language {
                    listTriples.append(RDFQuad(subject: node, predicate: .iri(RDFVocabulary.language), object: .literal(RDFLiteral(language.lowercased()))))
                }
                listTriples.append(RDFQuad(subject: node, predicate: .iri(RDFVocabulary.direction), object: .literal(RDFLiteral(direction))))
                return node
            }
        }
        if let language { return .literal(RDFLiteral(lexical, language: language)) }
        return .literal(RDFLiteral(lexical, datatype: datatype ?? RDFVocabulary.xsdString))
    }

    /// List to RDF (§8.3): a chain of `rdf:first`/`rdf:rest` blank nodes.
    private func rdfList(_ items: [NodeMap.Item], listTriples: inout [RDFQuad], labeller: inout BlankNodeLabeller) throws(JSONLDError) -> RDFTerm {
        guard !items.isEmpty else { return .iri(RDFVocabulary.nil_) }
        let nodes = items.map { _ in RDFTerm.blankNode(String(labeller.fresh().dropFirst(2))) }
        for (i, item) in items.enumerated() {
            var embedded: [RDFQuad] = []
            if let object = try rdfObject(item, listTriples: &embedded, labeller: &labeller) {
                listTriples.append(RDFQuad(subject: nodes[i], predicate: .iri(RDFVocabulary.first), object: object))
            }
            let rest = i + 1 < nodes.count ? nodes[i + 1] : .iri(RDFVocabulary.nil_)
            listTriples.append(RDFQuad(subject: nodes[i], predicate: .iri(RDFVocabulary.rest), object: rest))
            listTriples.append(contentsOf: embedded)
        }
        return nodes[0]
    }
}
