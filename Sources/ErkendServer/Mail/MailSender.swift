public import ErkendCore
public import Foundation
public import Logging
import ErkendTemplates
import Mustache
public import ServiceLifecycle
import Synchronization

/// Erkend's public address (`https://erkend.example.nl`), for links in mail,
/// QR codes and pages. Set from `--public-url`, or once the server listens to
/// `http://127.0.0.1:<port>`, so that a link always names the actual port.
public final class PublicAddress: Sendable {
    private let value: Mutex<String>

    public init(_ url: String = "http://127.0.0.1:8080") {
        value = Mutex(Self.trimmed(url))
    }

    public var url: String { value.withLock { $0 } }

    public func set(_ url: String) {
        value.withLock { $0 = Self.trimmed(url) }
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}

/// Renders outbox mail from the templates in `Templates/Mail`: each mail in
/// Dutch, then in English. A template's first line is `Subject: …`.
public struct MailComposer: Sendable {
    let library: MustacheLibrary
    let from: String
    let publicAddress: PublicAddress

    public init(from: String, publicAddress: PublicAddress) throws {
        var library = MustacheLibrary()
        for (name, template) in try ErkendTemplates.templates(in: "Mail") {
            try library.register(template, named: name)
        }
        self.library = library
        self.from = from
        self.publicAddress = publicAddress
    }

    public func compose(_ mail: OutgoingMail, at date: Date) throws -> MailMessage {
        var values: [String: Any] = mail.values
        if let path = mail.values["linkPath"] { values["link"] = publicAddress.url + path }
        values["recipientName"] = mail.recipientName
        var subjects: [String] = []
        var parts: [String] = []
        for language in ["nl", "en"] {
            guard let rendered = library.render(values, withTemplate: "\(mail.template).\(language)") else {
                throw MailDeliveryError("the mail template \(mail.template).\(language) is missing from Templates/Mail", permanent: true)
            }
            var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first, first.hasPrefix("Subject:") {
                subjects.append(first.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces))
                lines.removeFirst()
            }
            parts.append(lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return MailMessage(from: from, to: mail.recipient, toName: mail.recipientName, subject: subjects.joined(separator: " · "),
                           text: parts.joined(separator: "\n\n----\n\n") + "\n", date: date, headers: mail.values["learner"].map { ["X-Erkend-About": mail.about, MailMessage.learnerHeader: $0] } ?? ["X-Erkend-About": mail.about])
    }
}

/// The background sender: works through the outbox every `interval`, hands
/// each due mail to the transport, and records the outcome — sent, or failed
/// with the reason and a later retry (`MailRetryPolicy`). A service of the
/// `erkend serve` service group; stops with the server.
public struct MailSender: Service {
    let outbox: any MailOutbox
    public let transport: any MailTransport
    let composer: MailComposer
    let policy: MailRetryPolicy
    let interval: Duration
    let now: @Sendable () -> Date
    let logger: Logger

    public init(outbox: any MailOutbox, transport: any MailTransport, composer: MailComposer, policy: MailRetryPolicy = MailRetryPolicy(),
                interval: Duration = .seconds(1), now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.outbox = outbox
        self.transport = transport
        self.composer = composer
        self.policy = policy
        self.interval = interval
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sendDue()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Tries every mail due now once; returns how many were sent.
    @discardableResult
    public func sendDue() async -> Int {
        let mails: [OutgoingMail]
        do {
            mails = try await outbox.due(at: now(), limit: 50)
        } catch {
            logger.error("cannot read the mail outbox", metadata: ["error": "\(error)"])
            return 0
        }
        var sent = 0
        for mail in mails {
            do {
                let message = try composer.compose(mail, at: now())
                try await transport.send(message)
                try await outbox.markSent(mail.id, at: now())
                sent += 1
                logger.info("mail sent", metadata: ["mail": "\(mail.id)", "about": "\(mail.about)", "to": "\(MaskedAddress.of(mail.recipient))"])
            } catch {
                let reason = (error as? MailDeliveryError)?.message ?? "\(error)"
                let permanent = (error as? MailDeliveryError)?.permanent ?? false
                let retry = permanent ? nil : policy.nextAttempt(after: mail.attempts + 1, failedAt: now())
                logger.warning("mail not delivered", metadata: ["mail": "\(mail.id)", "attempt": "\(mail.attempts + 1)", "error": "\(reason)",
                                                                "retry": "\(retry.map { $0.formatted(.iso8601) } ?? "no")"])
                try? await outbox.markFailed(mail.id, error: reason, retryAt: retry, at: now())
            }
        }
        return sent
    }
}
