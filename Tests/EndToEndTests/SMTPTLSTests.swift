@testable import ErkendServer
import ErkendTestSupport
import Foundation
import Testing

/// The SMTP client's STARTTLS (RFC 3207) against aiosmtpd on loopback, which here
/// refuses every command but EHLO, NOOP and QUIT before STARTTLS and takes a
/// password only over TLS: what arrives went over TLS.
@Suite("SMTP over TLS", .serialized)
struct SMTPTLSTests {
    static func message(_ subject: String) -> MailMessage {
        MailMessage(from: "erkend@roc.example.nl", to: "fatima@codefabriek.example.nl", toName: "Fatima el Amrani",
                    subject: subject, text: "Open de link om te ondertekenen.\n", date: Date())
    }

    @Test("with STARTTLS and a trusted certificate, the mail arrives and the password is accepted over TLS")
    func startTLSDelivers() async throws {
        let smtp = try SMTPServer(requiringAuth: true, requiringTLS: true)
        let configuration = try SMTPConfiguration(url: "smtp://erkend:geheim@127.0.0.1:\(smtp.port)", caFile: smtp.certificate)
        try await SMTPTransport(configuration: configuration, timeout: 120).send(Self.message("Aftekenen over TLS"))
        let received = await smtp.waitFor(1, timeout: 10)
        #expect(received.count == 1)
        #expect(received.first?.raw.contains("Subject: Aftekenen over TLS") == true)
    }

    @Test("the same server by the name localhost: the certificate is checked against the name")
    func startTLSByName() async throws {
        let smtp = try SMTPServer(requiringTLS: true)
        let configuration = try SMTPConfiguration(url: "smtp://localhost:\(smtp.port)", caFile: smtp.certificate)
        try await SMTPTransport(configuration: configuration, timeout: 120).send(Self.message("Op naam"))
        #expect(await smtp.waitFor(1, timeout: 10).count == 1)
    }

    @Test("a certificate Erkend does not trust stops the delivery with a reason that names TLS, and nothing arrives")
    func untrustedCertificateRefused() async throws {
        let smtp = try SMTPServer(requiringAuth: true, requiringTLS: true)
        let configuration = try SMTPConfiguration(url: "smtp://erkend:geheim@127.0.0.1:\(smtp.port)")
        let error = await #expect(throws: MailDeliveryError.self) {
            try await SMTPTransport(configuration: configuration, timeout: 120).send(Self.message("Niet vertrouwd"))
        }
        #expect(error?.message.contains("TLS") == true, "\(String(describing: error))")
        try await Task.sleep(for: .milliseconds(300))
        #expect(smtp.received().isEmpty)
    }

    @Test("without STARTTLS (?tls=none) a server that requires it refuses the mail, so the choice is the operator's and visible")
    func tlsNoneIsPlain() async throws {
        let smtp = try SMTPServer(requiringTLS: true)
        let configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(smtp.port)?tls=none")
        #expect(configuration.destination.hasSuffix("?tls=none"))
        await #expect(throws: MailDeliveryError.self) {
            try await SMTPTransport(configuration: configuration, timeout: 120).send(Self.message("Zonder TLS"))
        }
        #expect(smtp.received().isEmpty)
    }
}
