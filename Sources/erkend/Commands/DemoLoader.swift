import ErkendCore
import ErkendInterop
import ErkendServer
import Foundation
import Logging

/// Loads the shipped demo into an empty database: the ESCO subset, the demo
/// catalogue, staff accounts, then the progression story of `DemoStory` with a
/// learner and a mentor account. What a database already holds is left alone.
struct DemoLoader {
    let store: ErkendStorage
    let catalogs: URL
    let logger: Logger
    /// The clock the demo story counts back from.
    var now: @Sendable () -> Date = { Date() }

    func loadIfEmpty() async throws {
        if try await store.taxonomy.stats().skills == 0 {
            let batch = try ESCOImporter.read(folder: catalogs.appendingPathComponent("esco-subset-v1.1.1"))
            let summary = try await store.taxonomy.apply(batch, mode: .merge)
            logger.notice("demo: loaded the ESCO subset (\(summary.added) concepts, \(summary.relationsAdded) relations)")
        }
        if try await store.catalogue.all().isEmpty {
            let plan = try await CatalogueServices(store: store).importBundle(from: catalogs.appendingPathComponent("demo"))
            logger.notice("demo: loaded the demo catalogue (\(plan.summary.total.added) versions)")
        }
        var accounts: [String] = []
        if try await store.accounts.accounts(page: .first).total == 0 {
            let administration = AccountAdministration(accounts: store.accounts, passwordCost: 10)
            for (username, name, role) in Self.demoAccounts {
                _ = try await administration.create(username: username, displayName: name, roles: [role], password: Self.demoPassword)
            }
            accounts += Self.demoAccounts.map(\.0)
        }
        if try await store.progression.learners.list(filter: LearnerFilter(), page: .first).total == 0 {
            let story = try await DemoStory(store: store, now: now).run()
            accounts += [DemoStory.learnerAccount, DemoStory.mentorAccount]
            // The open link's token is a credential: it stays out of the log. The mentor account lists it.
            logger.notice("demo: \(story.learners) learners at their workplaces with \(story.observations) signed observations, decisions, results and an EVC case; one sign-off request open for Fatima el Amrani (praktijkopleider@demo.erkend.nl), its link mailed to fatima@codefabriek.example.nl")
        }
        if !accounts.isEmpty {
            // Passwords never go into a log, not even this well-known one: `erkend serve --help` and the README tell it.
            logger.notice("demo: accounts \(accounts.joined(separator: ", ")) with the demo password (erkend serve --help) — for trying Erkend out only")
        }
    }

    /// Demo accounts, one per staff role; the learner and mentor accounts come with `DemoStory`.
    static let demoAccounts: [(String, String, Role)] = [
        ("beheer@demo.erkend.nl", "Beheerder (demo)", .administrator),
        ("ontwikkelaar@demo.erkend.nl", "Onderwijsontwikkelaar (demo)", .designer),
        ("examencommissie@demo.erkend.nl", "Examencommissie (demo)", .assessor),
        ("coach@demo.erkend.nl", "Coach (demo)", .coach),
    ]
    static let demoPassword = "erkend-demo-2026"
}
