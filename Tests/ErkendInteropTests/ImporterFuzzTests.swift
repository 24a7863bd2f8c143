import ErkendCore
import ErkendInterop
import ErkendTestSupport
import Foundation
import Testing

/// The importers fed the shipped files with random damage (seeded, so a
/// failure can be replayed): each case is either read or refused with an
/// `ErkendError` that names the damaged file — never another error, a crash or
/// a long wait.
@Suite("Importers on randomly corrupted files")
struct ImporterFuzzTests {
    static let seed: UInt64 = 2026_11_29

    @Test("Corrupted ESCO files are read or refused with an ErkendError naming the file", .timeLimit(.minutes(1)))
    func escoFiles() throws {
        let source = RepositoryRoot.path("Catalogs/esco-subset-v1.1.1")
        // The hierarchy file is a derived view the importer skips unread.
        let files = try Self.files(in: source, ending: ".csv").filter { !$0.contains("skillsHierarchy") }
        let summary = try Self.fuzz(files, from: source, seed: Self.seed, casesPerFile: { $0 > 100_000 ? 40 : 100 }) { folder in
            _ = try ESCOImporter.read(folder: folder)
        }
        print("ESCO importer: \(summary)")
        #expect(summary.cases >= 1_500)
    }

    @Test("Corrupted catalogue YAML files are read or refused with an ErkendError naming the file", .timeLimit(.minutes(1)))
    func bundleFiles() throws {
        let source = RepositoryRoot.path("Catalogs/demo")
        let files = try Self.files(in: source, ending: ".yaml")
        let summary = try Self.fuzz(files, from: source, seed: Self.seed + 1, casesPerFile: { _ in 25 }) { folder in
            _ = try CatalogueBundle.read(from: folder)
        }
        print("Catalogue bundle reader: \(summary)")
        #expect(summary.cases >= 1_400)
    }

    /// How a run of cases went.
    struct Summary: CustomStringConvertible {
        var cases = 0
        var read = 0
        var refused = 0
        var slowest = 0.0
        var seconds = 0.0
        var secondsByCorruption: [Corruption: Double] = [:]

        var description: String {
            "\(cases) corrupted files in \(String(format: "%.1f", seconds)) s: \(read) read, \(refused) refused with a message naming the file; "
                + "slowest case \(String(format: "%.3f", slowest)) s; seconds by corruption: "
                + secondsByCorruption.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \(String(format: "%.1f", $0.value))" }.joined(separator: ", ")
        }
    }

    /// Runs `importer` on a folder holding one damaged copy of each file, once per case.
    static func fuzz(_ files: [String], from source: URL, seed: UInt64, casesPerFile: (Int) -> Int,
                     importer: (URL) throws -> Void) throws -> Summary {
        var random = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory("erkend-fuzz")
        var summary = Summary()
        let started = Date()
        for file in files {
            let original = try Data(contentsOf: source.appendingPathComponent(file))
            let name = URL(fileURLWithPath: file).lastPathComponent
            for index in 0..<casesPerFile(original.count) {
                // Every kind once per file; after that the cheap ones, since an oversized cell costs a hundred others.
                let kinds = index < Corruption.allCases.count ? Corruption.allCases : Corruption.allCases.filter { $0 != .hugeCell }
                let corruption = kinds[index % kinds.count]
                let caseSeed = random.next()
                var caseRandom = SplitMix64(seed: caseSeed)
                let folder = directory.url.appendingPathComponent("case")
                let target = folder.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try corruption.apply(to: original, using: &caseRandom).write(to: target)
                let replay = "\(file), \(corruption.rawValue), case seed \(caseSeed)"

                let caseStarted = Date()
                do {
                    try importer(folder)
                    summary.read += 1
                } catch let error as ErkendError {
                    summary.refused += 1
                    if !error.description.contains(name) {
                        Issue.record("\(replay): the message does not name the file: \(error.description.prefix(300))")
                    }
                } catch {
                    Issue.record("\(replay): not an ErkendError: \(String(describing: error).prefix(300))")
                }
                let elapsed = Date().timeIntervalSince(caseStarted)
                summary.slowest = max(summary.slowest, elapsed)
                summary.secondsByCorruption[corruption, default: 0] += elapsed
                if elapsed > 5 { Issue.record("\(replay): took \(elapsed) s") }
                summary.cases += 1
                try FileManager.default.removeItem(at: target)
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Paths relative to `folder` of the files whose names end in `suffix`, sorted.
    static func files(in folder: URL, ending suffix: String) throws -> [String] {
        let root = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            let path = url.standardizedFileURL.path
            if path.hasSuffix(suffix) { found.append(String(path.dropFirst(root.count))) }
        }
        return found.sorted()
    }
}
