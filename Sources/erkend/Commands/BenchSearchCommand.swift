import ArgumentParser
import ErkendCore
import ErkendInterop
import ErkendStore
import Foundation

/// `erkend bench search`: skill search latency on the full ESCO set.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Time skill searches (prefix and full words, as people type them) on the full ESCO skills set.",
        discussion: "Build with -c release first. Example: swift run -c release erkend bench search"
    )

    @Option(help: ArgumentHelp("A folder with the full ESCO files.", valueName: "dir"))
    var esco: String = BenchSupport.defaultFullESCO()

    @Option(help: "How many searches to time.")
    var queries = 5000

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let store = try ErkendStore.open(path: work.appendingPathComponent("search.sqlite").path)
        let batch = try ESCOImporter.read(folder: URL(fileURLWithPath: esco))
        _ = try await store.taxonomy.apply(batch, mode: .merge)
        let stats = try await store.taxonomy.stats()

        // What people type: the start of a word, a whole word, two words, from real labels.
        var generator = SystemRandomNumberGenerator()
        let labels = batch.statements.filter { $0.kind == .skill }.compactMap(\.preferredLabel)
        var texts: [String] = []
        while texts.count < queries {
            let words = labels.randomElement(using: &generator)!.split(separator: " ").map(String.init).filter { $0.count >= 3 }
            guard let word = words.randomElement(using: &generator) else { continue }
            switch texts.count % 3 {
            case 0: texts.append(String(word.prefix(Int.random(in: 3...max(3, word.count), using: &generator))))
            case 1: texts.append(word)
            default: texts.append(words.prefix(2).joined(separator: " "))
            }
        }

        var timings: [Double] = []
        var hits = 0
        for text in texts {
            let seconds = try await BenchSupport.time {
                hits += try await store.taxonomy.search(SkillQuery(text: text, page: try PageRequest(size: 20))).items.count
            }
            timings.append(seconds)
        }
        print("Skill search on \(stats.skills) skills, \(queries) searches (prefix, word, two words), page of 20, \(BenchSupport.machine)")
        print("  p50 \(BenchSupport.format(BenchSupport.percentile(timings, 0.5)))  p99 \(BenchSupport.format(BenchSupport.percentile(timings, 0.99)))  max \(BenchSupport.format(timings.max() ?? 0))  (limit p99 2 ms: \(BenchSupport.percentile(timings, 0.99) < 0.002 ? "met" : "NOT met"))")
        print("  \(hits) results in all")
    }
}
