import ErkendCore
import ErkendInterop
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
    }
}
