import ErkendTestSupport
import Foundation
import Testing

/// The pages in a real browser: Chromium, driven through Selenium by Tests/Browser/flows.py,
/// against `erkend serve --demo` on a loopback port. The script runs the designer, committee
/// and learner flows, axe-core on every page it visits and a crawl per role; it prints each
/// failure and exits non-zero when there is one.
@Suite("Browser", .serialized)
struct BrowserTests {
    @Test("A designer, a committee member and a learner get their work done in Chromium; axe finds nothing serious and no link is broken")
    func flowsInChromium() async throws {
        let chromium = try ExternalTools.require(ExternalTools.executable(named: "chromium"), "chromium (Debian package chromium)")
        let driver = try ExternalTools.require(ExternalTools.executable(named: "chromedriver"), "chromedriver (Debian package chromium-driver)")
        let python = try ExternalTools.require(ExternalTools.python(importing: "axe_selenium_python"), "Python with selenium and axe-selenium-python")
        let server = try ServerProcess()
        defer { server.kill() }

        var arguments = [RepositoryRoot.path("Tests/Browser/flows.py").path, server.base]
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
        #expect(report.contains("flow designer: done") && report.contains("flow committee: done") && report.contains("flow learner: done"), "\(report)")
        #expect(report.contains("crawl as learner:"), "\(report)")
    }
}
