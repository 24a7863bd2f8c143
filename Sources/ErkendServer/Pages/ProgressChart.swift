import ErkendCore
import Foundation
import HTTPTypes

/// A learner's observations of one EPA as an SVG chart drawn on the server: one dot per
/// observation, dated along the bottom, at the height of its level on the EPA's scale.
/// No script and no inline styles (the pages' CSP forbids both): colours are attributes.
struct ProgressChart {
    struct Point: Hashable {
        var day: Day
        var level: String
        var observer: String
    }

    var levels: [String]
    var points: [Point]
    var title: String
    var description: String
    /// The level the programme asks for, drawn as a dashed line.
    var target: String?

    static let width = 640.0, height = 280.0
    static let left = 48.0, right = 16.0, top = 16.0, bottom = 40.0

    func svg() -> String {
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let rows = max(levels.count, 1)
        func y(_ index: Int) -> Double { Self.top + plotHeight - (Double(index) + 0.5) * plotHeight / Double(rows) }
        let days = points.map { $0.day.ordinal }
        let first = days.min() ?? 0, last = days.max() ?? 0
        let span = Double(max(last - first, 1))
        func x(_ day: Day) -> Double {
            days.count < 2 || last == first ? Self.left + plotWidth / 2 : Self.left + 12 + (Double(day.ordinal - first) / span) * (plotWidth - 24)
        }
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-labelledby="chart-title chart-desc" class="chart">"#
        svg += #"<title id="chart-title">\#(escape(title))</title><desc id="chart-desc">\#(escape(description))</desc>"#
        for (index, level) in levels.enumerated() {
            let lineY = format(y(index))
            svg += #"<line x1="\#(format(Self.left))" x2="\#(format(Self.width - Self.right))" y1="\#(lineY)" y2="\#(lineY)" stroke='#c9d3db' stroke-width="1"/>"#
            svg += #"<text x="\#(format(Self.left - 8))" y="\#(lineY)" dy="4" text-anchor="end" font-size="13" fill='#1d2733'>\#(escape(level))</text>"#
        }
        if let target, let index = levels.firstIndex(of: target) {
            let lineY = format(y(index))
            svg += #"<line x1="\#(format(Self.left))" x2="\#(format(Self.width - Self.right))" y1="\#(lineY)" y2="\#(lineY)" stroke='#00607a' stroke-width="2" stroke-dasharray="6 4"/>"#
        }
        svg += #"<line x1="\#(format(Self.left))" x2="\#(format(Self.width - Self.right))" y1="\#(format(Self.top + plotHeight))" y2="\#(format(Self.top + plotHeight))" stroke='#1d2733' stroke-width="1"/>"#
        if let firstDay = points.map(\.day).min(), let lastDay = points.map(\.day).max() {
            svg += #"<text x="\#(format(x(firstDay)))" y="\#(format(Self.height - 12))" text-anchor="start" font-size="12" fill='#1d2733'>\#(firstDay)</text>"#
            if lastDay != firstDay {
                svg += #"<text x="\#(format(x(lastDay)))" y="\#(format(Self.height - 12))" text-anchor="end" font-size="12" fill='#1d2733'>\#(lastDay)</text>"#
            }
        }
        let ordered = points.sorted { ($0.day, $0.level) < ($1.day, $1.level) }
        let placed = ordered.compactMap { point -> (Double, Double, Point)? in
            guard let index = levels.firstIndex(of: point.level) else { return nil }
            return (x(point.day), y(index), point)
        }
        if placed.count > 1 {
            let path = placed.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
            svg += #"<polyline points="\#(path)" fill="none" stroke='#5b7f95' stroke-width="1.5"/>"#
        }
        for (px, py, point) in placed {
            svg += #"<circle cx="\#(format(px))" cy="\#(format(py))" r="6" fill='#00607a' stroke='#ffffff' stroke-width="2"><title>\#(point.day): \#(escape(point.level)) (\#(escape(point.observer)))</title></circle>"#
        }
        return svg + "</svg>"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
