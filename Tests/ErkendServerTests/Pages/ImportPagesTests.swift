import ErkendCore
@testable import ErkendServer
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Uploading a catalogue and a learner file from the browser's form, and the strict reading of
/// multipart/form-data under it.
@Suite("Import pages")
struct ImportPagesTests {
    static let boundary = "----erkend-test-7MA4YWxkTrZu0gW"

    static func multipart(_ fileName: String, _ content: String, boundary: String = boundary, csrf: String = "x", extra: String = "") -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/plain\r\n\r\n"
            + content + "\r\n" + extra + "--\(boundary)--\r\n"
    }

    func upload(_ client: some TestClientProtocol, _ uri: String, _ body: String, headers extra: HTTPFields) async throws -> PageResponse {
        var headers: HTTPFields = [.accept: "text/html", .contentType: "multipart/form-data; boundary=\(Self.boundary)"]
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            PageResponse(status: $0.status, html: String(buffer: $0.body), headers: $0.headers)
        }
    }

    @Test("A designer uploads a catalogue file and sees the counts; a file with a bad version imports nothing and names where")
    func catalogueUpload() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            let page = try await client.page(.get, "/imports/catalogue", headers: designer)
            #expect(page.status == .ok)
            #expect(page.html.contains(#"enctype="multipart/form-data""#))

            let good = #"{"units": [{"code": "IMP-1", "title": {"nl": "Geïmporteerde eenheid"}}, {"code": "IMP-2", "title": {"nl": "Tweede"}}]}"#
            let done = try await upload(client, "/imports/catalogue", Self.multipart("catalogus.json", good), headers: designer)
            #expect(done.status == .ok)
            #expect(done.html.contains("Geïmporteerd: catalogus.json"))
            #expect(done.html.contains("<th scope=\"row\">Leereenheden</th><td>2</td>"), "two units added")
            #expect(try await app.services.catalogue.repository.versions(.unit, code: "IMP-2").count == 1)

            let bad = #"{"units": [{"code": "IMP-3", "title": {"nl": "Goed"}}, {"code": "IMP 4", "title": {"nl": "Code met spatie"}}]}"#
            let refused = try await upload(client, "/imports/catalogue", Self.multipart("fout.json", bad), headers: designer)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("Er is niets geïmporteerd"))
            #expect(refused.html.contains("IMP 4"), "the problem names the version: \(refused.html)")
            #expect(try await app.services.catalogue.repository.versions(.unit, code: "IMP-3").isEmpty, "all or nothing")

            let learner = try await upload(client, "/imports/catalogue", Self.multipart("x.json", good), headers: app.headers(.learner))
            #expect(learner.status == .forbidden)
        }
    }

    @Test("A coach uploads a learner CSV and sees the counts; a row with a missing name imports nothing and shows its row and field")
    func learnerUpload() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let coach = app.headers(.coach)
            let header = "studentnummer,naam,opleiding,cohort,startdatum"
            let good = "\(header)\n990001,Ilse Importeur,SD-25604,2026-2027,2026-09-01\n990002,Bram Bestand,SD-25604,2026-2027,2026-09-01\n"
            let done = try await upload(client, "/imports/learners", Self.multipart("lerenden.csv", good), headers: coach)
            #expect(done.status == .ok, "\(done.html)")
            #expect(done.html.contains("<dt>Lerenden toegevoegd</dt><dd>2</dd>"))

            let bad = "\(header)\n990003,Goede Rij,SD-25604,2026-2027,2026-09-01\n990004,,SD-25604,2026-2027,2026-09-01\n"
            let refused = try await upload(client, "/imports/learners", Self.multipart("fout.csv", bad), headers: coach)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("<td>3</td><td>naam</td>"), "the row (line 3 of the file) and the column: \(refused.html)")
            let list = try await client.page(.get, "/learners?q=Goede", headers: coach)
            #expect(!list.html.contains("Goede Rij"), "all or nothing")

            let designer = try await upload(client, "/imports/learners", Self.multipart("x.csv", good), headers: app.headers(.designer))
            #expect(designer.status == .forbidden, "learners are for coaches and administrators")
        }
    }

    @Test("A learner file's problems read in Dutch on a Dutch page and in English on an English one, each marked with its language")
    func learnerProblemsInDutch() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let coach = app.headers(.coach)
            let file = "studentnummer,naam,email,opleiding,cohort,startdatum\n990005,Anna Adres,geen-adres,SD-25604,2026-2027,2026-09-01\n"
                + "990006,,,SD-25604,2026-2027,2026-09-01\n990005,Anna Twee,,SD-25604,2026-2027,2026-09-01\n"
            let dutch = try await upload(client, "/imports/learners", Self.multipart("fout.csv", file), headers: coach)
            #expect(dutch.status == .unprocessableContent)
            #expect(dutch.html.contains(#"<td>2</td><td>email</td><td lang="nl">‘geen-adres’ is geen e-mailadres</td>"#), "\(dutch.html)")
            #expect(dutch.html.contains(#"<td lang="nl">de naam is leeg; elke lerende heeft een naam nodig</td>"#))
            #expect(dutch.html.contains(#"<td lang="nl">deze lerende staat ook op regel 2; geef elke lerende één regel</td>"#))
            #expect(!dutch.html.contains("is not an e-mail address"), "no English on the Dutch page")

            var english = coach
            english[.acceptLanguage] = "en"
            let inEnglish = try await upload(client, "/imports/learners", Self.multipart("fout.csv", file), headers: english)
            #expect(inEnglish.html.contains(#"<td lang="en">&#39;geen-adres&#39; is not an e-mail address</td>"#), "\(inEnglish.html)")
        }
    }

    @Test("An upload from a signed-in browser carries the session's CSRF token in the form, and without it is refused")
    func uploadWithSession() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let form = try await client.page(.get, "/sign-in")
            let token = try #require(inputValue("form", in: form.html))
            let formCookie = try #require(form.cookies.split(separator: "\n").first { $0.hasPrefix("erkend_signin=") }?.split(separator: ";").first)
            let signedIn = try await client.page(.post, "/sign-in", form: "username=designer%40example.org&password=correct+horse+battery+staple&form=\(token)",
                                                 headers: [.cookie: String(formCookie)])
            let session = try #require(signedIn.cookies.split(separator: "\n").first { $0.hasPrefix("erkend_session=") })
            let cookie = String(session.split(separator: ";").first!)
            let page = try await client.page(.get, "/imports/catalogue", headers: [.cookie: cookie])
            let csrf = try #require(inputValue("csrf", in: page.html))
            let file = #"{"units": [{"code": "IMP-S", "title": {"nl": "Met sessie"}}]}"#
            let forged = try await upload(client, "/imports/catalogue", Self.multipart("a.json", file), headers: [.cookie: cookie])
            #expect(forged.status == .forbidden, "the form's csrf field is not the session's token")
            #expect(try await app.services.catalogue.repository.versions(.unit, code: "IMP-S").isEmpty)
            let sent = try await upload(client, "/imports/catalogue", Self.multipart("a.json", file, csrf: csrf), headers: [.cookie: cookie])
            #expect(sent.status == .ok)
            #expect(try await app.services.catalogue.repository.versions(.unit, code: "IMP-S").count == 1)
        }
    }

    @Test("A cut-off upload, a part without a name, a missing boundary and too many parts are refused with words")
    func hostileMultipart() throws {
        let boundary = Self.boundary
        let whole = Self.multipart("a.csv", "x,y\n1,2")
        let form = try UploadForm(body: ByteBuffer(string: whole), boundary: boundary)
        #expect(form.part("file")?.filename == "a.csv")
        #expect(form.part("file")?.text == "x,y\n1,2")
        #expect(form.field("csrf") == "x")

        let cut = String(whole.dropLast(12))
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: cut), boundary: boundary) }
        let nameless = "--\(boundary)\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: nameless), boundary: boundary) }
        let notFormData = "--\(boundary)\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: notFormData), boundary: boundary) }
        let unclosed = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: unclosed), boundary: boundary) }
        let headerWithoutColon = "--\(boundary)\r\nno colon here\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: headerWithoutColon), boundary: boundary) }
        let many = String(repeating: "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n", count: UploadForm.maximumParts + 1) + "--\(boundary)--\r\n"
        #expect(throws: ErkendError.self) { try UploadForm(body: ByteBuffer(string: many), boundary: boundary) }
        let path = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\x\\\\l.csv\"\r\n\r\nx\r\n--\(boundary)--\r\n"
        #expect(try UploadForm(body: ByteBuffer(string: path), boundary: boundary).part("file")?.filename == "l.csv", "only the file's own name")

        #expect(throws: ErkendError.self) { try UploadForm.boundary("multipart/form-data") }
        #expect(throws: ErkendError.self) { try UploadForm.boundary("application/json; boundary=x") }
        #expect(throws: ErkendError.self) { try UploadForm.boundary("multipart/form-data; boundary=" + String(repeating: "a", count: 71)) }
        #expect(throws: ErkendError.self) { try UploadForm.boundary("multipart/form-data; boundary=a\u{0}b") }
        #expect(try UploadForm.boundary(#"multipart/form-data; charset=utf-8; boundary="abc def""#) == "abc def")
    }
}
