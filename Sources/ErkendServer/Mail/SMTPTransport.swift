public import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to reach an SMTP server: `smtp://HOST:PORT`, with
/// `smtp://USER:PASSWORD@HOST:PORT` when the server wants authentication
/// (user and password percent-encoded as in any URL), or `smtps://` for TLS
/// from the first byte (port 465).
///
/// How the connection is protected (`security`):
/// - `smtp://` upgrades with STARTTLS whenever the server offers it. To a server
///   that is not on this machine, TLS is required: a sign-off link is a secret.
/// - `smtp://…?tls=none` never upgrades: only for a relay on a private network
///   you trust. A password is then still sent only to a server on this machine.
/// - `smtps://` speaks TLS from the start.
/// The server's certificate is checked against the system's trust roots, or
/// against `caFile` (PEM) when the relay uses a certificate of your own.
public struct SMTPConfiguration: Sendable, Hashable {
    public enum Security: String, Sendable, Hashable {
        /// STARTTLS when offered; required to a server not on this machine.
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
        /// Never TLS (`?tls=none`).
        case none
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    /// A PEM file of certificates to trust instead of the system's roots.
    public var caFile: String?

    public init(host: String, port: Int = 25, username: String? = nil, password: String? = nil,
                security: Security = .startTLS, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.caFile = caFile
    }

    /// Reads `smtp://[USER:PASSWORD@]HOST[:PORT][?tls=none]` (port 25 when left out)
    /// or `smtps://[USER:PASSWORD@]HOST[:PORT]` (port 465).
    public init(url text: String, caFile: String? = nil) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            throw MailDeliveryError("'\(Self.redacted(text))' is not an SMTP address; write smtp://HOST:PORT, smtp://USER:PASSWORD@HOST:PORT or smtps://HOST:465", permanent: true)
        }
        self.host = host
        username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.caFile = caFile
        let tls = components.queryItems?.first { $0.name == "tls" }?.value?.lowercased()
        switch (scheme, tls) {
        case ("smtps", nil): security = .implicitTLS
        case ("smtp", nil), ("smtp", "starttls"): security = .startTLS
        case ("smtp", "none"): security = .none
        default:
            throw MailDeliveryError("'?tls=\(tls ?? "")' is not understood in \(Self.redacted(text)); leave it out (STARTTLS), or write ?tls=none for a trusted relay without TLS", permanent: true)
        }
        port = components.port ?? (security == .implicitTLS ? 465 : 25)
    }

    /// The address without its password, for logs.
    public var destination: String {
        "\(security == .implicitTLS ? "smtps" : "smtp")://\(username.map { "\($0)@" } ?? "")\(host):\(port)\(security == .none ? "?tls=none" : "")"
    }

    /// Whether the server runs on this machine, where nothing crosses a network.
    var isLoopback: Bool {
        ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// The TLS settings for this server: TLS 1.2 or newer, the certificate checked.
    func tlsContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw MailDeliveryError("the certificate file \(caFile) for the mail server cannot be read", permanent: true)
            }
            tls.trustRoots = .file(caFile)
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw MailDeliveryError("cannot set up TLS for the mail server \(destination): \(error)", permanent: true)
        }
    }

    /// The name sent in SNI and checked against the certificate; `nil` for an IP
    /// address, which the certificate is then checked against instead.
    var serverName: String? {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return bare.allSatisfy({ $0.isNumber || $0 == "." }) || bare.contains(":") ? nil : host
    }

    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        return "smtp://…" + text[at...]
    }
}

/// Delivers mail to an SMTP server (RFC 5321) over SwiftNIO: EHLO, STARTTLS
/// (RFC 3207) or TLS from the start, AUTH PLAIN or LOGIN when credentials are
/// configured, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Written here
/// because no SMTP client is in the package mirror; it speaks only what sending
/// one plain-text mail needs. A password never crosses a network in clear: it is
/// sent over TLS, or to a server on this machine.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration
    /// The name Erkend gives itself in EHLO.
    public let heloName: String
    /// How long one whole delivery may take before it counts as failed.
    public let timeout: TimeInterval

    public init(configuration: SMTPConfiguration, heloName: String = "erkend.localhost", timeout: TimeInterval = 60) {
        self.configuration = configuration
        self.heloName = heloName
        self.timeout = timeout
    }

    public var destination: String { configuration.destination }

    public func send(_ message: MailMessage) async throws {
        let (lines, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let channel: any Channel
        let tls = configuration.security == .none ? nil : try configuration.tlsContext()
        let implicit = configuration.security == .implicitTLS ? tls : nil
        let serverName = configuration.serverName
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicit {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: implicit, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPLineHandler(continuation: continuation))
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw MailDeliveryError("cannot reach the mail server \(destination): \(error)")
        }
        let expired = ExpiryFlag()
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            expired.set()
            channel.close(promise: nil)
        }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        let conversation = SMTPConversation(channel: channel, lines: lines.makeAsyncIterator(), destination: destination)
        do {
            try await conversation.deliver(message, configuration: configuration, tls: tls, heloName: heloName)
        } catch let error as MailDeliveryError where expired.isSet {
            throw MailDeliveryError("the mail server \(destination) did not finish the delivery within \(Int(timeout)) seconds (\(error.message))")
        }
    }
}

/// One SMTP session, command by command.
final class SMTPConversation {
    let channel: any Channel
    var lines: AsyncThrowingStream<String, any Error>.AsyncIterator
    let destination: String

    init(channel: any Channel, lines: AsyncThrowingStream<String, any Error>.AsyncIterator, destination: String) {
        self.channel = channel
        self.lines = lines
        self.destination = destination
    }

    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " / ") }
    }

    /// Whether the session runs over TLS, from the start or after STARTTLS.
    private(set) var encrypted = false

    func deliver(_ message: MailMessage, configuration: SMTPConfiguration, tls: NIOSSLContext?, heloName: String) async throws {
        encrypted = configuration.security == .implicitTLS
        try await expect(try await reply(), 220, "greeting")
        var extensions = try await command("EHLO \(heloName)", 250, "EHLO").lines.map { $0.uppercased() }
        if configuration.security == .startTLS {
            if extensions.contains("STARTTLS"), let tls {
                try await command("STARTTLS", 220, "STARTTLS")
                try await startTLS(tls, serverName: configuration.serverName)
                // RFC 3207: forget what the server said before TLS and ask again.
                extensions = try await command("EHLO \(heloName)", 250, "EHLO after STARTTLS").lines.map { $0.uppercased() }
            } else if !configuration.isLoopback {
                throw MailDeliveryError("the mail server \(destination) does not offer STARTTLS, and Erkend sends sign-off links to a server on another machine only over TLS; use smtps:// or a server with STARTTLS (or ?tls=none for a trusted relay on a private network)", permanent: true)
            }
        }
        if let username = configuration.username {
            guard encrypted || configuration.isLoopback else {
                throw MailDeliveryError("Erkend sends a user name and password only over TLS or to a mail server on this machine, not in clear to \(configuration.host)", permanent: true)
            }
            try await authenticate(username: username, password: configuration.password ?? "", extensions: extensions)
        }
        _ = try await command("MAIL FROM:<\(message.from)>", 250, "MAIL FROM")
        let recipient = try await reply(to: "RCPT TO:<\(message.to)>")
        guard recipient.code == 250 || recipient.code == 251 else {
            throw MailDeliveryError("the mail server \(destination) refused the recipient: \(recipient.code) \(recipient.text)",
                                    permanent: (500..<600).contains(recipient.code))
        }
        _ = try await command("DATA", 354, "DATA")
        let body = MIMEEncoding.dotStuffed(message.mime)
        try await write(body.hasSuffix("\r\n") ? body + ".\r\n" : body + "\r\n.\r\n")
        try await expect(try await reply(), 250, "the message")
        _ = try? await reply(to: "QUIT")
    }

    /// Puts TLS under the session: the handshake starts at once, and what is written
    /// next waits for it. A certificate that does not check out breaks the connection
    /// with the reason, which the next reply reports.
    private func startTLS(_ context: NIOSSLContext, serverName: String?) async throws {
        let channel = channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
            }.get()
        } catch {
            throw MailDeliveryError("cannot start TLS with the mail server \(destination): \(error)")
        }
        encrypted = true
    }

    private func authenticate(username: String, password: String, extensions: [String]) async throws {
        let mechanisms = extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }?.dropFirst(5).split(separator: " ").map(String.init) ?? []
        if mechanisms.contains("PLAIN") {
            let credentials = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await expect(try await reply(to: "AUTH PLAIN \(credentials)", shown: "AUTH PLAIN …"), 235, "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            _ = try await command("AUTH LOGIN", 334, "AUTH LOGIN")
            _ = try await command(Data(username.utf8).base64EncodedString(), 334, "AUTH LOGIN user name", shown: "…")
            try await expect(try await reply(to: Data(password.utf8).base64EncodedString(), shown: "…"), 235, "AUTH LOGIN password")
        } else {
            throw MailDeliveryError("the mail server \(destination) offers no AUTH PLAIN or LOGIN, but a user name is configured", permanent: true)
        }
    }

    @discardableResult
    private func command(_ text: String, _ code: Int, _ step: String, shown: String? = nil) async throws -> Reply {
        let answer = try await reply(to: text, shown: shown)
        try expect(answer, code, step)
        return answer
    }

    private func reply(to text: String, shown: String? = nil) async throws -> Reply {
        try await write(text + "\r\n")
        return try await reply()
    }

    private func expect(_ reply: Reply, _ code: Int, _ step: String) throws {
        guard reply.code == code else {
            throw MailDeliveryError("the mail server \(destination) answered \(step) with \(reply.code) \(reply.text)",
                                    permanent: (500..<600).contains(reply.code) && code != 220)
        }
    }

    private func write(_ text: String) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text))
        } catch {
            // A failed TLS handshake closes the channel; its reason waits on the line stream.
            do {
                _ = try await lines.next()
            } catch let failure as NIOSSLError {
                throw MailDeliveryError("TLS with the mail server \(destination) failed (is its certificate trusted, and for this name?): \(failure)")
            } catch {}
            throw MailDeliveryError("the connection to the mail server \(destination) broke: \(error)")
        }
    }

    /// A reply: lines `CODE-text` up to the last, `CODE text`.
    private func reply() async throws -> Reply {
        var collected: [String] = []
        while true {
            let next: String?
            do {
                next = try await lines.next()
            } catch let error as NIOSSLError {
                throw MailDeliveryError("TLS with the mail server \(destination) failed (is its certificate trusted, and for this name?): \(error)")
            } catch {
                throw MailDeliveryError("the connection to the mail server \(destination) broke: \(error)")
            }
            guard let line = next else {
                throw MailDeliveryError("the mail server \(destination) closed the connection (or did not answer in time)")
            }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw MailDeliveryError("the mail server \(destination) sent something that is not SMTP: \(line.prefix(80))")
            }
            collected.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return Reply(code: code, lines: collected) }
        }
    }
}

/// Turns the bytes from the server into lines (without CRLF) on a stream.
final class SMTPLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<String, any Error>.Continuation
    private var pending: [UInt8] = []

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard pending.count < 64 * 1024 else {
            continuation.finish(throwing: MailDeliveryError("the mail server sent a line longer than 64 KiB"))
            context.close(promise: nil)
            return
        }
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<newline])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            pending.removeSubrange(...newline)
            continuation.yield(String(decoding: line, as: UTF8.self))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}

/// Set once when a delivery's deadline passes, so its error can say so.
final class ExpiryFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
