import Foundation
import QRCode
import Testing

/// The SVG and terminal renderings, read back into modules.
@Suite struct RenderingTests {
    static let signoff = "https://erkend.example.nl/signoff/q7Vb2kX9_RmT0pLw-8ZcYd3NfHs6JaUe1gKoBiEyQtM"

    /// The dark modules an SVG path paints, in symbol coordinates.
    static func paintedModules(_ svg: String, quietZone: Int) throws -> Set<[Int]> {
        let path = try #require(svg.firstMatch(of: /<path fill="#000" d="([^"]*)"\/>/)).1
        var modules = Set<[Int]>()
        for run in path.matches(of: /M(\d+) (\d+)h(\d+)v1h-(\d+)z/) {
            let (x, y, width) = (Int(run.1)!, Int(run.2)!, Int(run.3)!)
            #expect(Int(run.4)! == width)
            for dx in 0..<width { modules.insert([x + dx - quietZone, y - quietZone]) }
        }
        // Nothing but the runs' commands and numbers.
        #expect(path.replacing(/M\d+ \d+h\d+v1h-\d+z/, with: "").isEmpty)
        return modules
    }

    static func darkModules(_ code: QRCode) -> Set<[Int]> {
        var modules = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { modules.insert([x, y]) }
        }
        return modules
    }

    @Test("The SVG's single path paints exactly the dark modules, inside a four-module quiet zone")
    func svgGeometry() throws {
        let code = try QRCode(encoding: Self.signoff)
        let svg = code.svg(moduleSize: 5)
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(side * 5)\" height=\"\(side * 5)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"))
        #expect(svg.matches(of: /<path/).count == 1)
        #expect(svg.hasSuffix("</svg>"))
        #expect(try Self.paintedModules(svg, quietZone: 4) == Self.darkModules(code))
    }

    @Test("No character of the input reaches the SVG, only geometry")
    func svgCarriesNoInput() throws {
        let hostile = "\"/><script>alert('&')</script><svg onload=\"x"
        let code = try QRCode(encoding: hostile, correction: .high)
        let svg = code.svg()
        let template = /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+" shape-rendering="crispEdges"><rect width="\d+" height="\d+" fill="#fff"\/><path fill="#000" d="[Mhvz0-9 -]*"\/><\/svg>$/
        #expect(svg.wholeMatch(of: template) != nil)
        #expect(!svg.contains("script"))
    }

    @Test("Equal inputs give the identical SVG")
    func svgIsDeterministic() throws {
        #expect(try QRCode(encoding: Self.signoff).svg() == QRCode(encoding: Self.signoff).svg())
    }

    /// Modules from a terminal rendering: true where a half block is inked.
    static func inkedModules(_ text: String) -> [[Bool]] {
        var rows: [[Bool]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let halves = line.map { character -> (Bool, Bool) in
                switch character {
                case "█": (true, true)
                case "▀": (true, false)
                case "▄": (false, true)
                default: (false, false)
                }
            }
            rows.append(halves.map(\.0))
            rows.append(halves.map(\.1))
        }
        return rows
    }

    @Test("The terminal rendering's half blocks are the modules and quiet zone, ink on dark or inverted", arguments: [false, true])
    func terminal(inverted: Bool) throws {
        let code = try QRCode(encoding: "Bekwaamverklaring — één", correction: .quartile)
        let text = code.terminalString(inverted: inverted)
        #expect(text.allSatisfy { " ▀▄█\n".contains($0) })
        let rows = Self.inkedModules(text)
        let side = code.size + 8
        #expect(rows.count == side + 1) // an odd number of module rows leaves half a line
        #expect(rows.allSatisfy { $0.count == side })
        for y in 0..<side {
            for x in 0..<side {
                #expect(rows[y][x] == (code.isDark(x: x - 4, y: y - 4) != inverted), "x \(x), y \(y)")
            }
        }
        #expect(!rows[side].contains(true))
    }

    @Test("Outside the symbol every module is light, as the quiet zone is")
    func outsideIsLight() throws {
        let code = try QRCode(encoding: "x")
        for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size), (-100, 100)] {
            #expect(!code.isDark(x: x, y: y))
        }
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: code.size - 1, y: 0) && code.isDark(x: 0, y: code.size - 1))
    }
}
