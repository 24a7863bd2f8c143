import ErkendCore
import ErkendInterop
import ErkendServer
import ErkendStore
import Foundation
import Logging

/// Loads the shipped demo into an empty database: the ESCO subset, then the
/// demo catalogue. A database that already holds data is left alone.
struct DemoLoader {
    let store: ErkendStore
    let catalogs: URL
    let logger: Logger

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
        if try await store.accounts.accounts(page: .first).total == 0 {
            let administration = AccountAdministration(store: store, passwordCost: 10)
            for (username, name, role) in Self.demoAccounts {
                try await administration.create(username: username, displayName: name, roles: [role], password: Self.demoPassword)
            }
            // Passwords never go into a log, not even this well-known one: `erkend serve --help` and the README tell it.
            logger.notice("demo: accounts \(Self.demoAccounts.map(\.0).joined(separator: ", ")) with the demo password (erkend serve --help) — for trying Erkend out only")
        }
    }

    /// Demo accounts, one per staff role; learners and mentors come with the demo learners.
    static let demoAccounts: [(String, String, Role)] = [
        ("beheer@demo.erkend.nl", "Beheerder (demo)", .administrator),
        ("ontwikkelaar@demo.erkend.nl", "Onderwijsontwikkelaar (demo)", .designer),
        ("examencommissie@demo.erkend.nl", "Examencommissie (demo)", .assessor),
        ("coach@demo.erkend.nl", "Coach (demo)", .coach),
    ]
    static let demoPassword = "erkend-demo-2026"
}
