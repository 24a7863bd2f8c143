import Foundation
import QRCode
import Testing

/// Symbols decoded by a real scanner library, ZBar's `zbarimg`, from image
/// files. Skipped, with the reason printed, where zbarimg is not installed;
/// the golden-file tests need no tool.
@Suite struct ZbarTests {
    static let zbarimg = tool("zbarimg")
    /// librsvg's converter, to turn the SVG rendering into an image zbarimg reads.
    static let rsvgConvert = tool("rsvg-convert")

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let samples: [(text: String, correction: QRCode.ErrorCorrection)] = [
        ("https://erkend.example.nl/signoff/q7Vb2kX9_RmT0pLw-8ZcYd3NfHs6JaUe1gKoBiEyQtM", .medium),
        ("https://erkend.example.nl/signoff/_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_", .high),
        ("Bekwaamverklaring — één", .quartile),
        ("20250401123456789", .low),
        ("HTTPS://ERKEND.EXAMPLE.NL/SIGNOFF/ABC-123", .high),
        (String(repeating: "Praktijkverklaring: taken uitgevoerd bij het leerbedrijf. ", count: 30), .low),
    ]

    /// A plain PBM image, `scale` pixels a module, with the four-module quiet zone.
    static func pbm(_ code: QRCode, scale: Int = 4) -> Data {
        let side = (code.size + 8) * scale
        var text = "P1\n\(side) \(side)\n"
        for py in 0..<side {
            let row = (0..<side).map { px in code.isDark(x: px / scale - 4, y: py / scale - 4) ? "1" : "0" }
            text += row.joined(separator: " ") + "\n"
        }
        return Data(text.utf8)
    }

    @Test(
        "zbarimg decodes rendered symbols back to their text",
        .enabled(if: zbarimg != nil, "zbarimg not found; install Debian's zbar-tools to run this check"),
        arguments: samples.indices
    )
    func decodes(_ index: Int) throws {
        let (text, correction) = Self.samples[index]
        let code = try QRCode(encoding: text, correction: correction)
        let image = Self.temporaryFile("\(index).pbm")
        try Self.pbm(code).write(to: image)
        defer { try? FileManager.default.removeItem(at: image) }

        let (status, output) = try Self.run(Self.zbarimg!, ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path])
        #expect(status == 0, "zbarimg found no code (version \(code.version))")
        #expect(output == text + "\n")
    }

    @Test(
        "zbarimg decodes the SVG rendering once rsvg-convert has drawn it",
        .enabled(if: zbarimg != nil, "zbarimg not found; install Debian's zbar-tools to run this check"),
        .enabled(if: rsvgConvert != nil, "rsvg-convert not found; install Debian's librsvg2-bin to run this check")
    )
    func decodesSVG() throws {
        let (text, correction) = Self.samples[0]
        let code = try QRCode(encoding: text, correction: correction)
        let svg = Self.temporaryFile("svg.svg"), png = Self.temporaryFile("svg.png")
        try Data(code.svg(moduleSize: 3).utf8).write(to: svg)
        defer { for file in [svg, png] { try? FileManager.default.removeItem(at: file) } }

        #expect(try Self.run(Self.rsvgConvert!, [svg.path, "-o", png.path]).status == 0)
        let (status, output) = try Self.run(Self.zbarimg!, ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png.path])
        #expect(status == 0)
        #expect(output == text + "\n")
    }

    static func temporaryFile(_ suffix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-test-\(getpid())-\(suffix)")
    }

    /// Runs a tool to completion; its standard error is dropped.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
