import ErkendCore
import Foundation
import Yams

/// Turns one entity (or the metadata) into the text of its file and back.
enum BundleYAML {
    /// Lifecycle fields come first in every file, so a reader sees at once which version it is.
    static let leadingKeys = ["code", "version", "status", "publishedAt", "deprecatedAt", "replacedBy"]

    static func text(of entity: AnyCatalogueEntity) throws -> String {
        let encoded = switch entity {
        case .outcome(let value): try YAMLTreeEncoder.encode(value)
        case .unit(let value): try YAMLTreeEncoder.encode(value)
        case .epa(let value): try YAMLTreeEncoder.encode(value)
        case .programme(let value): try YAMLTreeEncoder.encode(value)
        }
        return try serialize(encoded.node(leadingKeys: leadingKeys))
    }

    static func text(of metadata: CatalogueBundleMetadata) throws -> String {
        try serialize(YAMLTreeEncoder.encode(metadata).node(leadingKeys: ["formatVersion", "name"]))
    }

    /// Block style, two-space indent, no line wrapping (a long sentence stays on
    /// one line, so a change shows as one changed line), non-ASCII kept as is.
    private static func serialize(_ node: Node?) throws -> String {
        guard let node else { return "{}\n" }
        let text = try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Parses a file's text; a syntax error becomes a problem with its line.
    static func compose(_ text: String) -> Result<Node, YAMLProblem> {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                return .failure(YAMLProblem(line: nil, field: "", message: "the file is empty"))
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(problem(from: error))
        } catch {
            return .failure(YAMLProblem(line: nil, field: "", message: "is not valid YAML: \(error)"))
        }
    }

    private static func problem(from error: YamlError) -> YAMLProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let near = context.map { " (\($0.text))" } ?? ""
            return YAMLProblem(line: mark.line, field: "", message: "YAML syntax error: \(problem)\(near)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = Array(Set(duplicates)).sorted().joined(separator: ", ")
            return YAMLProblem(line: context.mark.line, field: names, message: "appears more than once in the same mapping")
        default:
            return YAMLProblem(line: nil, field: "", message: "is not valid YAML: \(error)")
        }
    }

    static func entity(_ kind: CatalogueKind, from root: Node) -> Result<AnyCatalogueEntity, YAMLProblems> {
        switch kind {
        case .outcome: entity(LearningOutcome.self, from: root).map(AnyCatalogueEntity.outcome)
        case .unit: entity(LearningUnit.self, from: root).map(AnyCatalogueEntity.unit)
        case .epa: entity(EPA.self, from: root).map(AnyCatalogueEntity.epa)
        case .programme: entity(Programme.self, from: root).map(AnyCatalogueEntity.programme)
        }
    }

    /// Decodes strictly, then checks the entity's own shape rules.
    private static func entity<E: CatalogueEntity>(_ type: E.Type, from root: Node) -> Result<E, YAMLProblems> {
        let decoder = YAMLTreeDecoder()
        guard let value = decoder.decode(type, from: root) else { return .failure(YAMLProblems(decoder.problems)) }
        do {
            try value.validateShape()
            return .success(value)
        } catch let error as ErkendError {
            let details = error.details.isEmpty ? [ErkendError.Detail(location: "", message: error.message)] : error.details
            return .failure(YAMLProblems(details.map { detail in
                YAMLProblem(line: YAMLLocator.line(of: detail.location, in: root), field: detail.location, message: detail.message)
            }))
        } catch {
            return .failure(YAMLProblems([YAMLProblem(line: nil, field: "", message: "\(error)")]))
        }
    }

    static func metadata(from root: Node) -> Result<CatalogueBundleMetadata, YAMLProblems> {
        let decoder = YAMLTreeDecoder()
        guard let metadata = decoder.decode(CatalogueBundleMetadata.self, from: root) else { return .failure(YAMLProblems(decoder.problems)) }
        guard metadata.formatVersion == CatalogueBundleMetadata.currentFormatVersion else {
            return .failure(YAMLProblems([YAMLProblem(
                line: YAMLLocator.line(of: "formatVersion", in: root), field: "formatVersion",
                message: "is \(metadata.formatVersion), but this version of Erkend reads format \(CatalogueBundleMetadata.currentFormatVersion)")]))
        }
        return .success(metadata)
    }
}
