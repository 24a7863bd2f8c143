import ErkendCore
import Foundation
import Yams

/// Where a value to decode sits: a node of the file, or nowhere.
enum YAMLSlot {
    case node(Node)
    /// The field is not in the file. `reported` is true when a problem with an
    /// enclosing value is already recorded, so missing fields below it stay quiet;
    /// `line` is the line of the enclosing mapping.
    case absent(reported: Bool, line: Int?)

    var line: Int? {
        switch self {
        case .node(let node): node.mark?.line
        case .absent(_, let line): line
        }
    }
}

/// Decodes the model's `Codable` types from a composed YAML tree, strictly:
/// every field the type does not read is an unknown field, and every problem
/// is recorded with its line and field instead of stopping at the first.
final class YAMLTreeDecoder {
    private(set) var problems: [YAMLProblem] = []
    /// Mappings read as keyed containers, by field path, with the keys the type asked for.
    private var mappings: [String: (mapping: Node.Mapping, asked: Set<String>)] = [:]

    /// Decodes a value and then reports the fields no type asked for.
    func decode<T: Decodable>(_ type: T.Type, from root: Node) -> T? {
        let value = try? decode(type, from: .node(root), at: [])
        reportUnknownFields()
        return problems.isEmpty ? value : nil
    }

    func record(_ message: String, at codingPath: [any CodingKey], line: Int?) {
        problems.append(YAMLProblem(line: line, field: fieldPath(codingPath), message: message))
    }

    func register(_ mapping: Node.Mapping, at codingPath: [any CodingKey]) {
        let path = fieldPath(codingPath)
        if mappings[path] == nil { mappings[path] = (mapping, []) }
    }

    func asked(_ key: String, at codingPath: [any CodingKey]) {
        mappings[fieldPath(codingPath)]?.asked.insert(key)
    }

    /// Decodes one value: dates, text, numbers and truth values directly;
    /// anything else through its own `init(from:)`, recovering where it can.
    func decode<T: Decodable>(_ type: T.Type, from slot: YAMLSlot, at codingPath: [any CodingKey]) throws -> T {
        if let value = decodeScalar(type, from: slot, at: codingPath) { return value }
        if let choice = T.self as? any YAMLPlaceholder.Type, !choice.yamlAllowedValues.isEmpty, case .absent(let reported, let line) = slot {
            if !reported { record("is missing; expected one of \(choice.yamlAllowedValues.joined(separator: ", "))", at: codingPath, line: line) }
            return choice.yamlPlaceholder as! T
        }
        let before = problems.count
        do {
            return try T(from: YAMLNodeDecoder(tree: self, slot: slot, codingPath: codingPath))
        } catch {
            guard let recoverable = T.self as? any YAMLPlaceholder.Type else { throw error }
            if problems.count == before {
                let found = if case .node(let node) = slot { node.shortDescription } else { "nothing" }
                let allowed = recoverable.yamlAllowedValues
                let message = allowed.isEmpty
                    ? Self.explain(error)
                    : "must be one of \(allowed.joined(separator: ", ")); found \(found)"
                record(message, at: codingPath, line: slot.line)
            }
            return recoverable.yamlPlaceholder as! T
        }
    }

    private static func explain(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }

    /// Scalars the file spells directly. `nil` when `T` is not one of them.
    private func decodeScalar<T>(_ type: T.Type, from slot: YAMLSlot, at codingPath: [any CodingKey]) -> T? {
        let expected: String
        let parse: (String) -> T?
        let placeholder: T
        switch type {
        case is String.Type:
            expected = "text"
            parse = { $0 as? T }
            placeholder = "" as! T
        case is Int.Type:
            expected = "a whole number"
            parse = { Int($0) as? T }
            placeholder = 0 as! T
        case is Double.Type:
            expected = "a number"
            parse = { text in Double(text).flatMap { $0.isFinite ? $0 as? T : nil } }
            placeholder = 0.0 as! T
        case is Bool.Type:
            expected = "true or false"
            parse = { ["true": true, "false": false][$0] as? T }
            placeholder = false as! T
        case is Date.Type:
            expected = "a date and time in UTC such as 2025-09-01T00:00:00Z"
            parse = { BundleDate.parse($0) as? T }
            placeholder = Date(timeIntervalSince1970: 0) as! T
        default:
            return nil
        }
        switch slot {
        case .absent(let reported, let line):
            if !reported { record("is missing; expected \(expected)", at: codingPath, line: line) }
            return placeholder
        case .node(let node) where node.isNull:
            record("is empty; expected \(expected)", at: codingPath, line: node.mark?.line)
            return placeholder
        case .node(.scalar(let scalar)):
            if let value = parse(scalar.string) { return value }
            record("expected \(expected), found '\(scalar.string.prefix(60))'", at: codingPath, line: scalar.mark?.line)
            return placeholder
        case .node(let node):
            record("expected \(expected), found \(node.shortDescription)", at: codingPath, line: node.mark?.line)
            return placeholder
        }
    }

    private func reportUnknownFields() {
        for path in mappings.keys.sorted() {
            let (mapping, asked) = mappings[path]!
            for (key, _) in mapping {
                let name = key.string ?? key.shortDescription
                guard !asked.contains(name) else { continue }
                let field = path.isEmpty ? name : "\(path).\(name)"
                let known = asked.sorted()
                let hint = FieldSuggestion.closest(to: name, among: known).map { "; did you mean '\($0)'?" }
                    ?? (known.isEmpty ? "" : "; known fields here: \(known.joined(separator: ", "))")
                problems.append(YAMLProblem(line: key.mark?.line, field: field, message: "is not a known field\(hint)"))
            }
        }
    }
}

/// The `Decoder` the model's `init(from:)` sees for one slot.
struct YAMLNodeDecoder: Decoder {
    let tree: YAMLTreeDecoder
    let slot: YAMLSlot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [StrictDecoding.decoderReportsUnknownKeys: true] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch slot {
        case .node(.mapping(let mapping)):
            tree.register(mapping, at: codingPath)
            return KeyedDecodingContainer(YAMLKeyedContainer<Key>(tree: tree, mapping: mapping, quiet: false, line: mapping.mark?.line, codingPath: codingPath))
        case .node(let node) where node.isNull:
            return KeyedDecodingContainer(YAMLKeyedContainer<Key>(tree: tree, mapping: nil, quiet: false, line: node.mark?.line, codingPath: codingPath))
        case .node(let node):
            tree.record("expected a mapping of fields, found \(node.shortDescription)", at: codingPath, line: node.mark?.line)
            return KeyedDecodingContainer(YAMLKeyedContainer<Key>(tree: tree, mapping: nil, quiet: true, line: node.mark?.line, codingPath: codingPath))
        case .absent(let reported, let line):
            return KeyedDecodingContainer(YAMLKeyedContainer<Key>(tree: tree, mapping: nil, quiet: reported, line: line, codingPath: codingPath))
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch slot {
        case .node(.sequence(let sequence)):
            return YAMLUnkeyedContainer(tree: tree, items: Array(sequence), codingPath: codingPath)
        case .node(let node) where !node.isNull:
            tree.record("expected a list, found \(node.shortDescription)", at: codingPath, line: node.mark?.line)
            return YAMLUnkeyedContainer(tree: tree, items: [], codingPath: codingPath)
        default:
            return YAMLUnkeyedContainer(tree: tree, items: [], codingPath: codingPath)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        YAMLSingleValueContainer(tree: tree, slot: slot, codingPath: codingPath)
    }
}
