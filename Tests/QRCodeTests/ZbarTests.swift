import Foundation
import QRCode
import Testing

/// Symbols decoded by a real scanner library, ZBar's `zbarimg`, from image
/// files. Skipped, with the reason printed, where zbarimg is not installed;
/// the golden-file tests need no tool.
@Suite struct ZbarTests {
    static let zbarimg: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-test-\(getpid())-\(index).pbm")
        try Self.pbm(code).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.zbarimg!)
        process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "zbarimg found no code (version \(code.version))")
        #expect(String(decoding: data, as: UTF8.self) == text + "\n")
    }
}
