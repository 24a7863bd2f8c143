import ErkendCore
import GRDB

/// Translates SQLite failures into `ErkendError`s a caller can act on; our own
/// errors pass through unchanged.
enum StoreErrors {
    static func translate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ErkendError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CONSTRAINT where error.message?.contains(Migrations.erasedLearnerMessage) == true:
                throw ErkendError(.conflict, "the learner's personal data was erased; Erkend records nothing new about them", cause: error.description)
            case .SQLITE_CONSTRAINT:
                throw ErkendError(.conflict, "the change conflicts with stored data", cause: error.description)
            case .SQLITE_FULL:
                throw ErkendError(.unavailable, "the disk that holds the database is full, so Erkend cannot write; "
                                  + "reads of personal data, whose access must be logged, are refused until space is freed", cause: error.description)
            case .SQLITE_READONLY, .SQLITE_IOERR:
                throw ErkendError(.unavailable, "the database cannot be written (\(error.message ?? "input/output error")); "
                                  + "reads of personal data, whose access must be logged, are refused until an operator fixes the disk", cause: error.description)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw ErkendError(.storage, "the database is busy; try again", cause: error.description)
            default:
                throw ErkendError(.storage, "the database failed: \(error.message ?? "unknown error")", cause: error.description)
            }
        }
    }
}
