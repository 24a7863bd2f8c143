import ErkendTestSupport
import Foundation
import Testing

/// `erkend demo generate` on a small count: what it writes, that a seed
/// reproduces it, and that progress and the audit log work on the result.
@Suite("Generated demo data")
struct DemoGenerateTests {
    @Test("demo generate writes reproducible learners with observations, decisions and results; progress and audit work on them")
    func generate() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        let catalogs = ["--catalogs", RepositoryRoot.path("Catalogs").path, "--database", database]
        let generated = try ErkendBinary.run(["demo", "generate", "--learners", "120", "--observations-per-learner", "30", "--seed", "7"] + catalogs)
        #expect(generated.status == 0, "\(generated.error)")
        #expect(generated.output.contains("generated 120 learners (seed 7)"), "\(generated.output)")
        #expect(generated.output.contains("3600 observations"), "\(generated.output)")
        #expect(generated.error.isEmpty, "quiet when not on a terminal: \(generated.error)")

        let again = try ErkendBinary.run(["demo", "generate", "--learners", "10", "--seed", "7"] + catalogs)
        #expect(again.status != 0)
        #expect(again.error.contains("seed 7"))

        let other = directory.path("other.sqlite")
        let twin = try ErkendBinary.run(["demo", "generate", "--learners", "120", "--observations-per-learner", "30", "--seed", "7",
                                         "--catalogs", RepositoryRoot.path("Catalogs").path, "--database", other])
        let counts = { (text: String) in text.replacingOccurrences(of: #" in [0-9.]+ s.*"#, with: "", options: .regularExpression) }
        #expect(counts(twin.output) == counts(generated.output), "the same seed gives the same data")

        let progress = try ErkendBinary.run(["progress", "g7-L5", "--json", "--database", database])
        #expect(progress.status == 0, "\(progress.error)")
        let report = try #require((try JSONSerialization.jsonObject(with: Data(progress.output.utf8)) as? [[String: Any]])?.first)
        #expect((report["observationCounts"] as? [String: Int])?.values.reduce(0, +) == 30)
        let audit = try ErkendBinary.run(["audit", "verify", "--database", database])
        #expect(audit.status == 0, "\(audit.output)")
    }
}
