import ErkendCore
import GRDB

extension ErkendDatabase {
    /// Runs `body` in one write transaction, translating failures into `ErkendError`s:
    /// it commits when `body` returns and rolls back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await StoreErrors.translate {
            try await writer.write(body)
        }
    }
}
