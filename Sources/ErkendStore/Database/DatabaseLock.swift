public import ErkendCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a file beside the database (`PATH.lock`) that tells
/// Erkend processes apart from a restore: every process that opens the
/// database holds it shared for as long as it has the database open; a
/// restore holds it exclusively while it replaces the file.
///
/// It is a `flock(2)` lock, so the kernel releases it when the process ends,
/// however it ends (a SIGKILLed server leaves no stale lock behind). It
/// guards against Erkend processes only: a `sqlite3` shell does not take it.
public final class DatabaseLock: Sendable {
    public enum Mode: Sendable {
        case shared, exclusive
    }

    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }

    /// The lock file of the database at `databasePath`.
    public static func path(for databasePath: String) -> String {
        databasePath + ".lock"
    }

    /// Takes the lock without waiting; it is held until the returned value is released.
    ///
    /// - Throws: `ErkendError` `.conflict` when another process holds it in a
    ///   mode that excludes `mode` (saying which), `.storage` when the lock file
    ///   cannot be opened.
    public static func acquire(_ mode: Mode, for databasePath: String) throws -> DatabaseLock {
        let path = path(for: databasePath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ErkendError(.storage, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        var result: Int32
        repeat { result = flock(descriptor, operation) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = errno
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw ErkendError(.storage, "cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            switch mode {
            case .shared:
                throw ErkendError(.conflict, "the database \(databasePath) is being restored by another process; try again when it has finished")
            case .exclusive:
                throw ErkendError(.conflict, "the database \(databasePath) is in use (an erkend serve or another erkend command has it open); stop it first")
            }
        }
        return DatabaseLock(path: path, descriptor: descriptor)
    }
}
