import ErkendCore
import Foundation

/// Paths and helpers the bundle tests share.
enum BundleFixtures {
    /// The repository root, found from this file's place in `Tests/ErkendInteropTests`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let demo = repositoryRoot.appendingPathComponent("Catalogs/demo", isDirectory: true)
    static let badBundles = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bundles", isDirectory: true)

    /// The ESCO subset the project ships, or else the shared copy beside the repository.
    static var escoSkillsFile: URL {
        let shipped = repositoryRoot.appendingPathComponent("Catalogs/esco-subset-v1.1.1/skills_en.csv")
        if FileManager.default.fileExists(atPath: shipped.path) { return shipped }
        return repositoryRoot.appendingPathComponent("../shared/data/esco/subset-v1.1.1/skills_en.csv").standardizedFileURL
    }

    /// The `conceptUri` of every record of an ESCO skills CSV. Records start
    /// with `KnowledgeSkillCompetence,` and the URI is their second field, never
    /// quoted; multi-line cells elsewhere in the record do not matter.
    static func escoSkills() throws -> Set<ConceptURI> {
        let text = try String(contentsOf: escoSkillsFile, encoding: .utf8)
        var skills = Set<ConceptURI>()
        for line in text.split(separator: "\n") where line.hasPrefix("KnowledgeSkillCompetence,") {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            skills.insert(try ConceptURI(String(fields[1])))
        }
        return skills
    }

    /// A fresh, empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bundle-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every file below a folder, relative path → bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    /// Writes a bundle from file texts, relative path → text.
    static func bundle(_ files: [String: String]) throws -> URL {
        let folder = try temporaryFolder()
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }
}
