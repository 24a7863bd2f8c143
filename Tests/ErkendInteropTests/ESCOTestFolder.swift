import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// A throw-away folder of ESCO-named files for one test.
struct ESCOTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-esco-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` as UTF-8 to `path` (which may name a subfolder).
    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func read() throws -> TaxonomyBatch {
        try ESCOImporter.read(folder: url)
    }

    /// The error the import throws; records an issue when it does not throw one.
    func importFailure(maxCellBytes: Int = CSVReader.defaultMaxCellBytes) -> ErkendError? {
        do {
            _ = try ESCOImporter.read(folder: url, maxCellBytes: maxCellBytes)
            Issue.record("the import was expected to fail")
            return nil
        } catch let error as ErkendError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Rows in ESCO's own layouts, for fixtures.
enum ESCORows {
    static let skillsHeader =
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description"

    static func skill(_ key: String, _ label: String, type: String = "knowledge", reuse: String = "cross-sector") -> String {
        "KnowledgeSkillCompetence,\(uri(key)),\(type),\(reuse),\(label),,,released,2023-01-01T00:00:00Z,,,,About \(label)."
    }

    static let broaderHeader = "conceptType,conceptUri,broaderType,broaderUri"

    static func broader(_ narrower: String, _ broader: String) -> String {
        "KnowledgeSkillCompetence,\(uri(narrower)),KnowledgeSkillCompetence,\(uri(broader))"
    }

    static func uri(_ key: String) -> String { "http://data.europa.eu/esco/skill/\(key)" }
}
