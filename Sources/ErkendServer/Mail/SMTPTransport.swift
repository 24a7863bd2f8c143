public import Foundation
import NIOCore
import NIOPosix

/// Where and how to reach an SMTP server: `smtp://HOST:PORT`, with
/// `smtp://USER:PASSWORD@HOST:PORT` when the server wants authentication
/// (user and password percent-encoded as in any URL).
public struct SMTPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(host: String, port: Int = 25, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Reads `smtp://[USER:PASSWORD@]HOST[:PORT]`; the port is 25 when left out.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "smtp",
              let host = components.host, !host.isEmpty else {
            throw MailDeliveryError("'\(Self.redacted(text))' is not an SMTP address; write smtp://HOST:PORT or smtp://USER:PASSWORD@HOST:PORT", permanent: true)
        }
        self.host = host
        port = components.port ?? 25
        username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
    }

    /// The address without its password, for logs.
    public var destination: String { "smtp://\(username.map { "\($0)@" } ?? "")\(host):\(port)" }

    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        return "smtp://…" + text[at...]
    }
}

/// Delivers mail to an SMTP server (RFC 5321) over SwiftNIO: EHLO, AUTH PLAIN
/// or LOGIN when credentials are configured, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT. Written here because no SMTP client is in the package
/// mirror; it speaks only what sending one plain-text mail needs.
///
/// STARTTLS is not done yet: point Erkend at a relay on the same host or
/// network (a local Postfix, a cloud provider's relay reached over a private
/// link). A password is sent only to a server on the loopback interface, so
/// that credentials never cross a network in clear.
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
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(SMTPLineHandler(continuation: continuation))
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw MailDeliveryError("cannot reach the mail server \(destination): \(error)")
        }
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        let conversation = SMTPConversation(channel: channel, lines: lines.makeAsyncIterator(), destination: destination)
        try await conversation.deliver(message, configuration: configuration, heloName: heloName)
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

    func deliver(_ message: MailMessage, configuration: SMTPConfiguration, heloName: String) async throws {
        try await expect(try await reply(), 220, "greeting")
        let hello = try await command("EHLO \(heloName)", 250, "EHLO")
        let extensions = hello.lines.map { $0.uppercased() }
        if let username = configuration.username {
            guard ["127.0.0.1", "::1", "[::1]", "localhost"].contains(configuration.host.lowercased()) else {
                throw MailDeliveryError("Erkend does not speak STARTTLS yet, so it sends a user name and password only to a mail server on this machine, not to \(configuration.host)", permanent: true)
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
