import ErkendTestSupport
import Foundation
import Testing

/// Issue 9, "the hole": a sign-off link reaches only the mentor, by e-mail
/// through a real SMTP server (aiosmtpd on loopback); whoever asks for the
/// sign-off sees where the mail went, never the link.
@Suite("Sign-off links by e-mail", .serialized)
struct SignoffMailTests {
    /// The demo's Sanne (learner account `leerling@`) and her mentor Fatima, as ids.
    struct Demo {
        var sanne: String
        var fatima: String
        var coach: [String: String]
        var learner: [String: String]
    }

    static func demo(_ server: ServerProcess) async throws -> Demo {
        let coach = try await RegistryClient.bearer(server, "coach@demo.erkend.nl")
        let learner = try await RegistryClient.bearer(server, "leerling@demo.erkend.nl")
        let mentor = try await RegistryClient.bearer(server, "praktijkopleider@demo.erkend.nl")
        let learners = try await server.request("GET", "/api/v1/learners?pageSize=50", headers: coach)
        let items = try #require((try JSONSerialization.jsonObject(with: learners.body) as? [String: Any])?["items"] as? [[String: Any]])
        let sanne = try #require(items.first { $0["name"] as? String == "Sanne Visser" }?["id"] as? String)
        let requests = try await server.request("GET", "/api/v1/mentor/requests", headers: mentor)
        let fatima = try #require((try JSONSerialization.jsonObject(with: requests.body) as? [[String: Any]])?.first?["mentor"] as? String)
        return Demo(sanne: sanne, fatima: fatima, coach: coach, learner: learner)
    }

    static let submission = #"{"name": "Fatima el Amrani", "organisation": "Codefabriek Utrecht", "level": "4", "feedback": "Zelfstandig opgelost."}"#

    @Test("A forged sign-off as learner or as coach is refused: the link is in no response, and a guessed token fails")
    func forgedSignoffIsRefused() async throws {
        let smtp = try SMTPServer()
        let server = try ServerProcess(arguments: ["--demo", "--smtp", smtp.url, "--mail-from", "erkend@roc.example.nl"])
        defer { server.kill() }
        let demo = try await Self.demo(server)
        for (who, headers) in [("learner", demo.learner), ("coach", demo.coach)] {
            let asked = try await server.request("POST", "/api/v1/learners/\(demo.sanne)/signoff-requests",
                                                 body: #"{"mentor": "\#(demo.fatima)", "epa": "SD-EPA-K2"}"#, headers: headers)
            #expect(asked.status == 201, "\(who): \(String(decoding: asked.body, as: UTF8.self))")
            let text = String(decoding: asked.body, as: UTF8.self)
            #expect(!text.contains("/signoff/"), "\(who) sees no link: \(text)")
            let json = try #require(try JSONSerialization.jsonObject(with: asked.body) as? [String: Any])
            #expect((json["delivery"] as? [String: Any])?["sentTo"] as? String == "f…@codefabriek.example.nl")
            let id = try #require((json["request"] as? [String: Any])?["id"] as? String)
            let status = try await server.request("GET", "/api/v1/learners/\(demo.sanne)/signoff-requests/\(id)", headers: headers)
            #expect(status.status == 200)
            #expect(!String(decoding: status.body, as: UTF8.self).contains("/signoff/"), "\(who): the status holds no link either")
        }
        // A guessed token of the right shape signs nothing.
        let guessed = String(repeating: "A", count: 43)
        let forged = try await server.request("POST", "/api/v1/signoff/\(guessed)/sign", body: Self.submission)
        #expect(forged.status == 404)
        let observations = try await server.request("GET", "/api/v1/learners/\(demo.sanne)/observations?epa=SD-EPA-K2", headers: demo.coach)
        let list = try #require(try JSONSerialization.jsonObject(with: observations.body) as? [[String: Any]])
        #expect(!list.contains { $0["level"] as? String == "4" }, "no level-4 observation was stored")
        // The mails went to Fatima, not to the learner or coach.
        let received = await smtp.waitFor(3)
        #expect(received.count >= 2)
        #expect(received.allSatisfy { $0.raw.contains("<fatima@codefabriek.example.nl>") }, "\(received.map(\.raw))")
    }

    @Test("An e-mailed link received by the SMTP server signs once, and the observation records it came by e-mailed link")
    func emailedLinkSignsOnce() async throws {
        let smtp = try SMTPServer(requiringAuth: true)
        let server = try ServerProcess(arguments: ["--demo", "--smtp", "smtp://erkend:geheim@127.0.0.1:\(smtp.port)",
                                                   "--mail-from", "erkend@roc.example.nl", "--public-url", "https://erkend.roc.example.nl"])
        defer { server.kill() }
        let demo = try await Self.demo(server)
        let asked = try await server.json("POST", "/api/v1/learners/\(demo.sanne)/signoff-requests",
                                          body: #"{"mentor": "\#(demo.fatima)", "epa": "SD-EPA-K2"}"#, headers: demo.learner)
        let id = try #require((asked.json["request"] as? [String: Any])?["id"] as? String, "\(asked.json)")
        let received = await smtp.waitFor(2)
        let found = received.first(where: { $0.raw.contains("X-Erkend-About: signoffRequest:\(id)") })
        let mail = try #require(found, "the mail about the request arrived")
        #expect(mail.raw.contains("Message-ID: <"))
        #expect(mail.raw.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(mail.body.contains("Beste Fatima el Amrani") && mail.body.contains("Dear Fatima el Amrani"), "\(mail.body)")
        let linkRange = mail.body.range(of: #"https://erkend\.roc\.example\.nl/signoff/[A-Za-z0-9_-]+"#, options: .regularExpression)
        let range = try #require(linkRange, "the link names the public URL")
        let token = String(mail.body[range].split(separator: "/").last ?? "")

        let signed = try await server.json("POST", "/api/v1/signoff/\(token)/sign", body: Self.submission)
        #expect(signed.status == 200, "\(signed.json)")
        let again = try await server.request("POST", "/api/v1/signoff/\(token)/sign", body: Self.submission)
        #expect(again.status == 409 || again.status == 410, "a link signs once")
        let used = try await server.request("GET", "/api/v1/signoff/\(token)")
        let usedText = String(decoding: used.body, as: UTF8.self)
        #expect(!usedText.contains("Sanne") && !usedText.contains("@"), "a used link says only that it was used: \(usedText)")

        let observations = try await server.request("GET", "/api/v1/learners/\(demo.sanne)/observations?epa=SD-EPA-K2", headers: demo.coach)
        let list = try #require(try JSONSerialization.jsonObject(with: observations.body) as? [[String: Any]])
        let level4 = list.filter { $0["level"] as? String == "4" }
        #expect(level4.count == 1, "one observation from one link")
        #expect(level4.first?["identityMethod"] as? String == "emailedLink", "\(level4)")
        let status = try await server.json("GET", "/api/v1/learners/\(demo.sanne)/signoff-requests/\(id)", headers: demo.learner)
        #expect((status.json["request"] as? [String: Any])?["status"] as? String == "signed")
        #expect((status.json["delivery"] as? [String: Any])?["status"] as? String == "sent")
    }

    @Test("A failed SMTP delivery is retried and recorded: attempts, the server's answer and the time it was sent")
    func failedDeliveryIsRetried() async throws {
        let smtp = try SMTPServer(refusingFirst: 2)
        let server = try ServerProcess(arguments: ["--demo", "--smtp", smtp.url, "--mail-retry-delay", "1"])
        defer { server.kill() }
        // The demo's own open request for Fatima is the first mail: refused twice (451), then accepted.
        let received = await smtp.waitFor(1, timeout: 30)
        #expect(received.count == 1, "delivered once, after two refusals")
        let demo = try await Self.demo(server)
        let mentor = try await RegistryClient.bearer(server, "praktijkopleider@demo.erkend.nl")
        let open = try await server.request("GET", "/api/v1/mentor/requests", headers: mentor)
        let id = try #require((try JSONSerialization.jsonObject(with: open.body) as? [[String: Any]])?.first?["id"] as? String)
        var delivery: [String: Any] = [:]
        for _ in 0..<50 {
            let status = try await server.json("GET", "/api/v1/learners/\(demo.sanne)/signoff-requests/\(id)", headers: demo.coach)
            delivery = status.json["delivery"] as? [String: Any] ?? [:]
            if delivery["status"] as? String == "sent" { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(delivery["status"] as? String == "sent", "\(delivery)")
        #expect(delivery["attempts"] as? Int == 3, "\(delivery)")
        #expect((delivery["lastError"] as? String)?.contains("451") == true, "the refusal is recorded: \(delivery)")
        #expect(delivery["sentAt"] is String)
        #expect(server.log.contains("mail not delivered"))

        // Sending again makes a new link and the old one stops working.
        let oldToken = try #require(MailText.signoffToken(in: received[0].raw.replacingOccurrences(of: "\r\n", with: "\n")) ?? received[0].body
            .range(of: #"/signoff/[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(received[0].body[$0].dropFirst(9)) })
        let resent = try await server.request("POST", "/api/v1/learners/\(demo.sanne)/signoff-requests/\(id)/resend", headers: demo.learner)
        #expect(resent.status == 202, "\(String(decoding: resent.body, as: UTF8.self))")
        let both = await smtp.waitFor(2)
        #expect(both.count == 2)
        #expect(try await server.request("GET", "/api/v1/signoff/\(oldToken)").status == 404, "the old link stopped working")
    }
}
