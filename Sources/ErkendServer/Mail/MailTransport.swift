public import Foundation

/// Hands a rendered mail to whatever delivers it: an SMTP server, or a folder
/// of `.eml` files when no SMTP server is configured (the demo).
public protocol MailTransport: Sendable {
    /// Throws `MailDeliveryError` when the mail was not accepted.
    func send(_ message: MailMessage) async throws
    /// Where mail goes, for the log: `smtp://mail.example.nl:587`, a folder. Never a password.
    var destination: String { get }
    /// Removes the copies this transport keeps of mail about `learner` (an erasure);
    /// the number removed. Mail handed to an SMTP server has left Erkend and cannot be
    /// called back, so that transport removes nothing.
    func forget(learner: String) async throws -> Int
}

extension MailTransport {
    public func forget(learner: String) async throws -> Int { 0 }
}

/// Why a mail was not delivered. `permanent` when trying again cannot help
/// (the server refused the recipient with a 5xx answer).
public struct MailDeliveryError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var permanent: Bool

    public init(_ message: String, permanent: Bool = false) {
        self.message = message
        self.permanent = permanent
    }

    public var description: String { message }
}

/// Writes each mail as an `.eml` file into a folder, readable by any mail
/// program or a text editor: the outbox of a registry without SMTP.
public struct FolderMailTransport: MailTransport {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var destination: String { folder.path }

    public func send(_ message: MailMessage) async throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let stamp = message.date.formatted(.iso8601).replacingOccurrences(of: ":", with: "")
            let name = "\(stamp)-\(message.messageID.filter { $0.isLetter || $0.isNumber }.prefix(12)).eml"
            let file = folder.appendingPathComponent(name)
            // Only the owner may read it: it holds a sign-off link.
            guard FileManager.default.createFile(atPath: file.path, contents: Data(message.mime.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw MailDeliveryError("cannot write \(file.path)")
            }
        } catch let error as MailDeliveryError {
            throw error
        } catch {
            throw MailDeliveryError("cannot write to the outbox folder \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Deletes every `.eml` file whose header block names `learner` in `X-Erkend-Learner`.
    public func forget(learner: String) async throws -> Int {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return 0 }
        let wanted = "\(MailMessage.learnerHeader): \(learner)"
        var removed = 0
        for name in names where name.hasSuffix(".eml") {
            let file = folder.appendingPathComponent(name)
            guard let data = manager.contents(atPath: file.path) else { continue }
            // Only the header block counts: it ends at the first empty line.
            let end = data.range(of: Data("\r\n\r\n".utf8))?.lowerBound ?? data.endIndex
            let header = String(decoding: data[data.startIndex..<end], as: UTF8.self)
            guard header.components(separatedBy: "\r\n").contains(wanted) else { continue }
            do {
                try manager.removeItem(at: file)
                removed += 1
            } catch {
                throw MailDeliveryError("cannot remove \(file.path) from the outbox folder: \(error.localizedDescription)")
            }
        }
        return removed
    }
}
