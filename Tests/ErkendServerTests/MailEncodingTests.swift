@testable import ErkendServer
import ErkendCore
import Foundation
import Testing

/// The pieces of a mail that a mail server and a mail program must read right.
@Suite("Mail encoding")
struct MailEncodingTests {
    @Test("Quoted-printable keeps lines under 76 characters, encodes '=' and non-ASCII, and decodes back")
    func quotedPrintable() {
        let text = "Beste Fatima, één link: https://erkend.example.nl/signoff/" + String(repeating: "Ab9_-", count: 20) + "?x=1 \nEinde. "
        let encoded = MIMEEncoding.quotedPrintable(text)
        #expect(encoded.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(encoded.contains("=C3=A9=C3=A9n"), "UTF-8 bytes of 'één'")
        #expect(encoded.contains("x=3D1"))
        #expect(!encoded.contains(" \r\n"), "no blank at a line's end")
    }

    @Test("A line starting with a dot gets a second dot in SMTP's DATA")
    func dotStuffing() {
        #expect(MIMEEncoding.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n")
    }

    @Test("Headers carry non-ASCII names as encoded words, a Message-ID and UTF-8 plain text")
    func headers() {
        let message = MailMessage(from: "erkend@roc.example.nl", to: "fatima@codefabriek.example.nl", toName: "Fatima el Amraní", subject: "Aftekenen voor Sanne",
                                  text: "Hallo", date: Date(timeIntervalSince1970: 0))
        let mime = message.mime
        #expect(mime.contains("To: =?utf-8?b?"))
        #expect(mime.contains("Message-ID: <") && mime.contains("@roc.example.nl>"))
        #expect(mime.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(mime.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
    }

    @Test("An SMTP address with credentials is read, and shown without its password")
    func smtpURL() throws {
        let configuration = try SMTPConfiguration(url: "smtp://erkend:ge%40heim@127.0.0.1:2525")
        #expect(configuration.host == "127.0.0.1" && configuration.port == 2525)
        #expect(configuration.username == "erkend" && configuration.password == "ge@heim")
        #expect(!configuration.destination.contains("heim"))
        #expect(throws: MailDeliveryError.self) { try SMTPConfiguration(url: "http://mail.example.nl") }
    }

    @Test("smtp:// means STARTTLS on port 25, smtps:// TLS from the start on 465, ?tls=none no TLS; anything else is refused")
    func smtpSecurity() throws {
        let plain = try SMTPConfiguration(url: "smtp://mail.roc.example.nl")
        #expect(plain.security == .startTLS && plain.port == 25 && plain.serverName == "mail.roc.example.nl")
        let implicit = try SMTPConfiguration(url: "smtps://erkend:geheim@mail.roc.example.nl")
        #expect(implicit.security == .implicitTLS && implicit.port == 465 && implicit.destination == "smtps://erkend@mail.roc.example.nl:465")
        let none = try SMTPConfiguration(url: "smtp://10.0.0.5:2525?tls=none")
        #expect(none.security == .none && none.serverName == nil && !none.isLoopback)
        #expect(try SMTPConfiguration(url: "smtp://127.0.0.1:2525").isLoopback)
        #expect(throws: MailDeliveryError.self) { try SMTPConfiguration(url: "smtp://mail.roc.example.nl?tls=maybe") }
    }

    @Test("Retries wait 30 s, then twice as long each time up to an hour, and stop after ten attempts")
    func retryPolicy() {
        let policy = MailRetryPolicy()
        let start = Date(timeIntervalSince1970: 0)
        #expect(policy.nextAttempt(after: 1, failedAt: start) == start.addingTimeInterval(30))
        #expect(policy.nextAttempt(after: 3, failedAt: start) == start.addingTimeInterval(120))
        #expect(policy.nextAttempt(after: 9, failedAt: start) == start.addingTimeInterval(3600))
        #expect(policy.nextAttempt(after: 10, failedAt: start) == nil)
    }

    @Test("An address shown to others keeps its first letter and domain only")
    func masked() {
        #expect(MaskedAddress.of("fatima@codefabriek.example.nl") == "f…@codefabriek.example.nl")
        #expect(MaskedAddress.of("nonsense") == "…")
    }
}
