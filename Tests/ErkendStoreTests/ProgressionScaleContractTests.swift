import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// The storage budget at the size of a large institution: 50,000 learners
/// with 40 observations each. It takes minutes and a gigabyte of disk, so it
/// runs only when `ERKEND_SCALE` is set (to the number of learners, or `1` for 50,000).
@Suite("Progression at scale", .enabled(if: ProcessInfo.processInfo.environment["ERKEND_SCALE"] != nil))
struct ProgressionScaleContractTests {
    typealias S = ProgressionSamples

    private var learnerCount: Int {
        let value = Int(ProcessInfo.processInfo.environment["ERKEND_SCALE"] ?? "") ?? 1
        return value > 1 ? value : 50_000
    }

    @Test("One learner's progress inputs read in well under 20 ms at the 99th percentile")
    func progressReadBudget() async throws {
        let (store, directory) = try StoreBackend.sqliteFile.makeStore()
        defer { _ = directory }
        let chunk = 2_000
        let insertClock = ContinuousClock()
        let insertStart = insertClock.now
        for offset in stride(from: 0, to: learnerCount, by: chunk) {
            let batch = S.generated(learners: min(chunk, learnerCount - offset), observationsEach: 40, offset: offset)
            try await store.progression.bulkInsert(batch, audit: S.audit(AuditAction.progressionGenerated, by: .system, channel: .cli("scale-test")))
        }
        let insertSeconds = Double((insertClock.now - insertStart).components.seconds)

        var durations: [Duration] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let learner = Learner.ID(trusted: "GL-\(Int.random(in: 0..<learnerCount, using: &generator))")
            let start = ContinuousClock.now
            let inputs = try await store.progression.progressInputs(learner: learner)
            durations.append(ContinuousClock.now - start)
            #expect(inputs?.observations.count == 40)
        }
        durations.sort()
        let p50 = durations[durations.count / 2], p99 = durations[durations.count * 99 / 100]
        print("scale: \(learnerCount) learners × 40 observations inserted in \(insertSeconds) s; progressInputs p50 \(p50), p99 \(p99)")

        #expect(p99 < .milliseconds(20))
        #expect(try await store.audit.verify().isIntact)
    }
}
