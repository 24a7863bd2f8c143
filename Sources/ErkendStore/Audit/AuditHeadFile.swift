public import ErkendCore
import Foundation

/// The head of the audit chain a backup contains, in a small text file beside it:
/// `NAME.head` next to `NAME`, one line `SEQUENCE HASH`. After a restore,
/// `erkend audit verify --expect-head "$(cat NAME.head)"` shows that no entry was cut off the end.
public enum AuditHeadFile {
    public static func path(forBackup file: String) -> String { file + ".head" }

    /// Writes the head beside the backup; an empty log writes nothing.
    public static func write(_ head: AuditHead?, forBackup file: String) throws {
        guard let head else { return }
        do {
            try Data((head.description + "\n").utf8).write(to: URL(fileURLWithPath: path(forBackup: file)), options: .atomic)
        } catch {
            throw ErkendError(.storage, "the backup is complete, but its audit head could not be written to \(path(forBackup: file))",
                              cause: String(describing: error))
        }
    }

    /// The head recorded beside a backup, if there is one.
    public static func read(forBackup file: String) throws -> AuditHead? {
        guard let text = try? String(contentsOfFile: path(forBackup: file), encoding: .utf8) else { return nil }
        return try AuditHead(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
