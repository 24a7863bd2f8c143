import ErkendCore
@testable import ErkendServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Metric charts")
struct MetricChartsTests {
    /// The element names and the text of `title` and `desc`, or a parse error.
    final class Reader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String: String] = [:]
        private var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
            current = name
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current, current == "title" || current == "desc" { texts[current, default: ""] += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { current = nil }
    }

    static func read(_ svg: String) throws -> Reader {
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return reader
    }

    @Test("a survival chart is well-formed SVG with a title, axis labels, a text alternative naming each curve's median, and one step line per curve")
    func survival() throws {
        let curve = SurvivalCurve([SurvivalSpan(days: 10, reached: true), SurvivalSpan(days: 20, reached: false), SurvivalSpan(days: 30, reached: true),
                                   SurvivalSpan(days: 30, reached: true), SurvivalSpan(days: 50, reached: false), SurvivalSpan(days: 50, reached: true)])
        let table = MetricTable(metric: .timeToEntrustment, asOf: "2025-10-21", filter: MetricsFilter(), columns: TimeToEntrustment.columns,
                                rows: [[.text("E1")]], curves: [SurvivalCurve.Labelled(label: "E1 level 4", curve: curve),
                                                                SurvivalCurve.Labelled(label: "E1 level 5 <&>", curve: SurvivalCurve([SurvivalSpan(days: 5, reached: false)]))])
        let svg = try #require(MetricCharts.chart(table))
        let reader = try Self.read(svg)
        #expect(reader.elements.first == "svg")
        #expect(reader.elements.count { $0 == "polyline" } == 2)
        #expect(reader.texts["title"] == "Time to entrustment (share not yet entrusted)")
        #expect(reader.texts["desc"]?.contains("E1 level 4: 4 of 6 learners reached it, median 30 days") == true)
        #expect(reader.texts["desc"]?.contains("E1 level 5 <&>: 0 of 1 learners reached it, median not reached") == true)
        #expect(svg.contains("days since the start") && svg.contains("share not yet entrusted"))
        #expect(svg.contains(#"role="img""#) && svg.contains("aria-labelledby"))
        #expect(!svg.contains("<script"))
    }

    @Test("a bar chart draws one bar per row of the headline column and says the values in words")
    func bars() throws {
        let table = MetricTable(metric: .workplaceShare, asOf: "2025-10-21", filter: MetricsFilter(), columns: ["programme", "learners", "workplace", "school", "workplaceShare"],
                                rows: [[.text("P"), .integer(6), .integer(36), .integer(24), .number(0.6)], [.text("Q"), .integer(5), .integer(1), .integer(3), .number(0.25)]])
        let reader = try Self.read(try #require(MetricCharts.chart(table)))
        #expect(reader.elements.count { $0 == "rect" } == 2)
        #expect(reader.texts["desc"] == "Bar chart, programme against share of evidence from the workplace: P 0.6; Q 0.25")
        #expect(MetricCharts.chart(MetricTable(metric: .awards, asOf: "2025-10-21", filter: MetricsFilter(), columns: ["kind"])) == nil)
    }
}
