import ErkendTestSupport
import Foundation
import Testing

/// A real SMTP server on loopback: aiosmtpd (PyPI), started by the test on a
/// free port, writing each message it accepts into a folder — `NNN.eml` as
/// received, and `NNN.txt`, the body as Python's e-mail package decodes it.
/// It can refuse the first few recipients with 451 (try again later), can
/// require AUTH (user `erkend`, password `geheim`), and can require STARTTLS
/// with a certificate for 127.0.0.1 and localhost made by `openssl` for the test
/// (`certificate` is then its PEM file, for the client to trust).
final class SMTPServer: @unchecked Sendable {
    let process = Process()
    let folder: TemporaryDirectory
    let port: Int
    private let input = Pipe()

    static let script = #"""
    import email, email.policy, os, socket, sys
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
    import ssl
    folder, refusals, auth, tls = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "auth", sys.argv[4] == "tls"
    state = {"rcpt": 0, "n": 0}
    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            state["rcpt"] += 1
            if state["rcpt"] <= refusals:
                return "451 4.3.0 Not now, try again later"
            envelope.rcpt_tos.append(address)
            return "250 OK"
        async def handle_DATA(self, server, session, envelope):
            state["n"] += 1
            base = os.path.join(folder, "%03d" % state["n"])
            message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            with open(base + ".txt", "w", encoding="utf-8") as f:
                f.write(message.get_content())
            with open(base + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.rename(base + ".tmp", base + ".eml")
            return "250 Message accepted"
    def authenticate(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login == b"erkend" and data.password == b"geheim"
        return AuthResult(success=ok)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    options = dict(authenticator=authenticate, auth_required=True, auth_require_tls=tls) if auth else {}
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(port, flush=True)
    sys.stdin.read()
    controller.stop()
    """#

    init(refusingFirst refusals: Int = 0, requiringAuth: Bool = false, requiringTLS: Bool = false) throws {
        let python = try ExternalTools.require(ExternalTools.python(importing: "aiosmtpd"), "Python with aiosmtpd (an SMTP server)")
        folder = try TemporaryDirectory("erkend-smtp")
        if requiringTLS {
            let openssl = try ExternalTools.require(ExternalTools.executable(named: "openssl"), "openssl (makes the test server's certificate)")
            let make = Process()
            make.executableURL = openssl
            make.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                              "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                              "-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")]
            make.standardOutput = FileHandle.nullDevice
            make.standardError = FileHandle.nullDevice
            try make.run()
            make.waitUntilExit()
            guard make.terminationStatus == 0 else { throw Failed(message: "openssl could not make a certificate") }
        }
        let output = Pipe()
        process.executableURL = python
        process.arguments = ["-c", Self.script, folder.url.path, String(refusals), requiringAuth ? "auth" : "open", requiringTLS ? "tls" : "plain"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw Failed(message: "aiosmtpd did not start: \(line)")
        }
        self.port = port
    }

    var url: String { "smtp://127.0.0.1:\(port)" }

    /// The PEM file of the certificate the server presents when it requires TLS.
    var certificate: String { folder.path("cert.pem") }

    /// The messages received so far: (raw message, decoded body), in order.
    func received() -> [(raw: String, body: String)] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return files.compactMap { name in
            let base = folder.path(String(name.dropLast(4)))
            guard let raw = try? String(contentsOfFile: base + ".eml", encoding: .utf8),
                  let body = try? String(contentsOfFile: base + ".txt", encoding: .utf8) else { return nil }
            return (raw, body)
        }
    }

    /// Waits until at least `count` messages arrived, up to `timeout` seconds.
    func waitFor(_ count: Int, timeout: TimeInterval = 30) async -> [(raw: String, body: String)] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let messages = received()
            if messages.count >= count { return messages }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return received()
    }

    struct Failed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        // A child process started by another test in the meantime can hold a copy of the pipe's
        // write end, so the end of input may never reach the server: stop it outright as well,
        // or waiting here would hang the whole run (seen once in CI). SIGKILL, because the child
        // inherits the test runner's blocked signal mask, SIGTERM included.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
