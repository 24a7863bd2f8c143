/// The node map of an expanded document (JSON-LD 1.1 API §7.2): every node
/// of every graph with its types and property values, blank nodes relabelled
/// `_:b0`, `_:b1`, ….
struct NodeMap {
    /// A property value: a reference to a node, a value object or a list.
    indirect enum Item: Hashable {
        case node(String)
        case value(JSONObject)
        case list([Item])
    }

    struct Values {
        var items: [Item] = []
        /// Membership of `items` once there are many, so adding a value to a
        /// long array stays cheap; short arrays are searched.
        var present: Set<Item>? = nil
        static let indexThreshold = 16

        mutating func addUnique(_ item: Item) {
            if present == nil {
                if items.contains(item) { return }
                items.append(item)
                if items.count > Self.indexThreshold { present = Set(items) }
            } else if present!.insert(item).inserted {
                items.append(item)
            }
        }

        mutating func append(_ item: Item) {
            present?.insert(item)
            items.append(item)
            if present == nil && items.count > Self.indexThreshold { present = Set(items) }
        }
    }

    struct Node {
        var types: [String] = []
        var properties: [String: Values] = [:]
        var index: String?
    }

    /// Whom the values being added belong to.
    enum Subject {
        case none
        case node(String)
        /// Values of a reverse property: the node being added points at this one.
        case reverse(String)
    }

    /// Graph name (`@default` for the default graph) → node id → node.
    var graphs: [String: [String: Node]] = ["@default": [:]]
    var blankNodes = BlankNodeLabeller()

    /// Node Map Generation (§7.2.2).
    mutating func add(
        _ element: JSONValue, graph: String, subject: Subject, property: String?, list: inout [Item]?
    ) throws(JSONLDError) {
        switch element {
        case .array(let items):
            for item in items { try add(item, graph: graph, subject: subject, property: property, list: &list) }
            return
        case .object(let object):
            try addObject(object, graph: graph, subject: subject, property: property, list: &list)
        default:
            return
        }
    }

    private mutating func addObject(
        _ element: JSONObject, graph: String, subject: Subject, property: String?, list: inout [Item]?
    ) throws(JSONLDError) {
        var element = element
        if element.contains("@value") {
            let item = Item.value(element)
            if list != nil {
                list!.append(item)
            } else if case .node(let id) = subject, let property {
                graphs[graph, default: [:]][id, default: Node()].properties[property, default: Values()].addUnique(item)
            }
            return
        }
        if let listValue = element["@list"] {
            var inner: [Item]? = []
            try add(listValue, graph: graph, subject: subject, property: property, list: &inner)
            let item = Item.list(inner ?? [])
            if list != nil {
                list!.append(item)
            } else if case .node(let id) = subject, let property {
                graphs[graph, default: [:]][id, default: Node()].properties[property, default: Values()].append(item)
            }
            return
        }

        // A node object.
        let id: String
        switch element.removeValue(forKey: "@id") {
        case .string(let given)?:
            id = IRI.isBlankNodeIdentifier(given) ? blankNodes.label(for: given) : given
        case nil:
            id = blankNodes.fresh()
        case _?:
            // An @id that expansion had to ignore: the node has no usable identifier,
            // and the empty string is never well-formed, so conversion drops it.
            id = ""
        }
        if graphs[graph, default: [:]][id] == nil { graphs[graph]![id] = Node() }
        switch subject {
        case .reverse(let referencing):
            if let property {
                graphs[graph]![id]!.properties[property, default: Values()].addUnique(.node(referencing))
            }
        case .node(let subjectID):
            if let property {
                if list != nil {
                    list!.append(.node(id))
                } else {
                    graphs[graph, default: [:]][subjectID, default: Node()].properties[property, default: Values()].addUnique(.node(id))
                }
            }
        case .none:
            if list != nil { list!.append(.node(id)) }
        }
        if let types = element.removeValue(forKey: "@type") {
            for case .string(var type) in types.asArray {
                if IRI.isBlankNodeIdentifier(type) { type = blankNodes.label(for: type) }
                if !graphs[graph]![id]!.types.contains(type) { graphs[graph]![id]!.types.append(type) }
            }
        }
        if case .string(let index)? = element.removeValue(forKey: "@index") {
            if let existing = graphs[graph]![id]!.index, existing != index {
                throw JSONLDError(.conflictingIndexes, "node \(id) has two different @index values: \(existing) and \(index)")
            }
            graphs[graph]![id]!.index = index
        }
        if case .object(let reverseMap)? = element.removeValue(forKey: "@reverse") {
            for (reverseProperty, values) in reverseMap {
                for value in values.asArray {
                    var none: [Item]? = nil
                    try add(value, graph: graph, subject: .reverse(id), property: reverseProperty, list: &none)
                }
            }
        }
        if let graphValue = element.removeValue(forKey: "@graph") {
            if graphs[id] == nil { graphs[id] = [:] }
            var none: [Item]? = nil
            try add(graphValue, graph: id, subject: .none, property: nil, list: &none)
        }
        if let included = element.removeValue(forKey: "@included") {
            var none: [Item]? = nil
            try add(included, graph: graph, subject: .none, property: nil, list: &none)
        }
        for key in element.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !Keywords.isKeyword(key) {
            let property = IRI.isBlankNodeIdentifier(key) ? blankNodes.label(for: key) : key
            if graphs[graph]![id]!.properties[property] == nil { graphs[graph]![id]!.properties[property] = Values() }
            var none: [Item]? = nil
            try add(element[key]!, graph: graph, subject: .node(id), property: property, list: &none)
        }
    }
}

/// Issues `_:b0`, `_:b1`, … and maps the document's own blank node labels onto them.
struct BlankNodeLabeller {
    private var counter = 0
    private var assigned: [String: String] = [:]

    mutating func fresh() -> String {
        defer { counter += 1 }
        return "_:b\(counter)"
    }

    mutating func label(for existing: String) -> String {
        if let label = assigned[existing] { return label }
        let label = fresh()
        assigned[existing] = label
        return label
    }
}
