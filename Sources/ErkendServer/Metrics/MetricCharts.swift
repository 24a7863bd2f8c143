import ErkendCore
import Foundation

/// Charts of metrics as SVG, drawn by Erkend itself (no JavaScript): bars,
/// quartile strips and survival curves. Every chart carries a title, axis
/// labels and a text alternative (`<title>` and `<desc>`, tied to the image
/// with `aria-labelledby`), so a screen reader says what a sighted reader sees.
enum MetricCharts {
    static let width = 640.0
    static let left = 190.0, right = 20.0, top = 40.0, bottom = 50.0

    /// The chart that fits a metric's table: survival curves with quartile strips for time to entrustment,
    /// bars of the table's headline column for the others; `nil` when the table has no rows.
    static func chart(_ table: MetricTable) -> String? {
        guard !table.rows.isEmpty else { return nil }
        switch table.metric {
        case .timeToEntrustment:
            return survival(title: "Time to entrustment (share not yet entrusted)", curves: table.curves)
        default:
            guard let (column, label) = headline(table.metric), let index = table.columns.firstIndex(of: column) else { return nil }
            let values = table.rows.map { row -> (String, Double) in
                let value: Double = switch row[index] { case .integer(let n): Double(n); case .number(let x): x; default: 0 }
                // Phase flow is per programme and phase: both name the bar.
                return (table.metric == .phaseFlow ? "\(row[0].plain) \(row[1].plain)" : row[0].plain, value)
            }
            return bars(title: table.metric.summary, values: values, valueLabel: label,
                        categoryLabel: table.metric == .phaseFlow ? "programme and phase" : table.columns[0])
        }
    }

    /// The column a bar chart of the metric shows, and its axis label.
    static func headline(_ metric: MetricName) -> (String, String)? {
        switch metric {
        case .timeToEntrustment: nil
        case .phaseFlow: ("movedOn", "learners who moved on")
        case .creditVelocity: ("ectsPerLearnerMonth", "ECTS per learner-month")
        case .workplaceShare: ("workplaceShare", "share of evidence from the workplace")
        case .mentorResponse: ("medianDaysToSign", "median days to signature")
        case .currency: ("belowThresholdShare", "share below the renewal threshold")
        case .unitReuse, .skillReuse: ("programmes", "programmes")
        case .programmeReuse: ("sharedShare", "share of units shared")
        case .outcomeReuse: ("units", "units")
        case .recognition: ("unitsRecognised", "units recognised")
        case .stacking: ("learners", "learners who passed")
        case .awards: ("awards", "awards")
        case .credentialUse: ("statusListFetches", "status-list fetches")
        }
    }

    /// Horizontal bars, one per category, longest first as given.
    static func bars(title: String, values: [(String, Double)], valueLabel: String, categoryLabel: String) -> String {
        let shown = Array(values.prefix(30))
        let rowHeight = 22.0
        let height = top + bottom + rowHeight * Double(max(shown.count, 1))
        let maximum = max(shown.map(\.1).max() ?? 0, 1e-9)
        let plot = width - left - right
        var body = ""
        for (index, (label, value)) in shown.enumerated() {
            let y = top + rowHeight * Double(index)
            let length = plot * value / maximum
            body += ##"<text x="\##(left - 6)" y="\##(y + 15)" text-anchor="end" font-size="12">\##(escape(String(label.prefix(28))))</text>"##
            body += ##"<rect x="\##(left)" y="\##(y + 4)" width="\##(format(length))" height="\##(rowHeight - 8)" fill="#2f6f9f"/>"##
            body += ##"<text x="\##(left + length + 4)" y="\##(y + 15)" font-size="11">\##(MetricValue.number(value).plain)</text>"##
        }
        let description = "Bar chart, \(categoryLabel) against \(valueLabel): "
            + shown.map { "\($0.0) \(MetricValue.number($0.1).plain)" }.joined(separator: "; ")
            + (values.count > shown.count ? "; and \(values.count - shown.count) more" : "")
        return svg(title: title, description: description, height: height, body: body + axes(height: height, x: valueLabel, y: categoryLabel,
                                                                                            xTicks: [(0, "0"), (plot, MetricValue.number(maximum).plain)]))
    }

    /// Step curves of the share not yet there against days, one per curve, with the medians marked.
    static func survival(title: String, curves: [SurvivalCurve.Labelled]) -> String {
        let height = 360.0
        let plot = width - left - right, tall = height - top - bottom
        let lastDay = max(curves.flatMap { $0.curve.steps.map(\.day) }.max() ?? 1, 1)
        let colours = ["#2f6f9f", "#c0504d", "#4f8f3f", "#8064a2", "#d08a1f", "#3f8f8f"]
        func x(_ day: Int) -> Double { left + plot * Double(day) / Double(lastDay) }
        func y(_ share: Double) -> Double { top + tall * (1 - share) }
        var body = ""
        var description: [String] = []
        for (index, labelled) in curves.prefix(colours.count).enumerated() {
            var points = "\(format(x(0))),\(format(y(1)))"
            var remaining = 1.0
            for step in labelled.curve.steps {
                points += " \(format(x(step.day))),\(format(y(remaining))) \(format(x(step.day))),\(format(y(step.remaining)))"
                remaining = step.remaining
            }
            points += " \(format(x(lastDay))),\(format(y(remaining)))"
            let colour = colours[index]
            body += ##"<polyline fill="none" stroke="\##(colour)" stroke-width="2" points="\##(points)"/>"##
            body += ##"<text x="\##(left - 6)" y="\##(top + 14 * Double(index) + 12)" text-anchor="end" font-size="11" fill="\##(colour)">\##(escape(labelled.label))</text>"##
            if let median = labelled.curve.median {
                // The quartile strip: from q1 to q3 (or the end), the median marked.
                let q1 = labelled.curve.firstQuartile ?? median, q3 = labelled.curve.thirdQuartile ?? lastDay
                let stripY = height - bottom + 30 - 4 * Double(index)
                body += ##"<line x1="\##(format(x(q1)))" x2="\##(format(x(q3)))" y1="\##(stripY)" y2="\##(stripY)" stroke="\##(colour)" stroke-width="3"/>"##
                body += ##"<circle cx="\##(format(x(median)))" cy="\##(format(y(0.5)))" r="4" fill="\##(colour)"/>"##
            }
            let median = labelled.curve.median.map { "median \($0) days" } ?? "median not reached"
            description.append("\(labelled.label): \(labelled.curve.reached) of \(labelled.curve.learners) learners reached it, \(median)")
        }
        body += ##"<line x1="\##(left)" x2="\##(width - right)" y1="\##(format(y(0.5)))" y2="\##(format(y(0.5)))" stroke="#999" stroke-dasharray="4 4"/>"##
        return svg(title: title, description: "Survival curves (Kaplan–Meier), share not yet entrusted against days since the start: "
                   + description.joined(separator: "; "), height: height + 20,
                   body: body + axes(height: height, x: "days since the start", y: "share not yet entrusted",
                                     xTicks: [(0, "0"), (plot, "\(lastDay)")], yTicks: [(0, "0"), (tall / 2, "0.5"), (tall, "1")]))
    }

    private static func axes(height: Double, x: String, y: String, xTicks: [(Double, String)], yTicks: [(Double, String)] = []) -> String {
        let baseline = height - bottom
        var text = ##"<line x1="\##(left)" x2="\##(width - right)" y1="\##(baseline)" y2="\##(baseline)" stroke="#333"/>"##
        text += ##"<line x1="\##(left)" x2="\##(left)" y1="\##(top)" y2="\##(baseline)" stroke="#333"/>"##
        for (offset, label) in xTicks {
            text += ##"<text x="\##(format(left + offset))" y="\##(baseline + 14)" text-anchor="middle" font-size="11">\##(escape(label))</text>"##
        }
        for (offset, label) in yTicks {
            text += ##"<text x="\##(left + 4)" y="\##(format(baseline - offset + 4))" font-size="10">\##(escape(label))</text>"##
        }
        text += ##"<text class="axis-x" x="\##(left + (width - left - right) / 2)" y="\##(baseline + 32)" text-anchor="middle" font-size="12">\##(escape(x))</text>"##
        text += ##"<text class="axis-y" x="12" y="\##(top - 12)" font-size="12">\##(escape(y))</text>"##
        return text
    }

    private static func svg(title: String, description: String, height: Double, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" width="\(format(width))" height="\(format(height))" \
        viewBox="0 0 \(format(width)) \(format(height))" font-family="sans-serif">\
        <title id="chart-title">\(escape(title))</title><desc id="chart-desc">\(escape(description))</desc>\
        <text x="\(format(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\(escape(title))</text>\(body)</svg>
        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
