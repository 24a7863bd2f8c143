public import Foundation

/// One value in a metric's table.
public enum MetricValue: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// Not known: a median never reached, a share of nothing.
    case none

    /// How CSV and the command line write the value: numbers with at most 3 decimals, nothing for `none`.
    public var plain: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): MetricValue.format(value)
        case .none: ""
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// A metric's result: named columns and rows, as the API (JSON, CSV), the
/// command line and the charts show it.
public struct MetricTable: Hashable, Sendable {
    public var metric: MetricName
    /// The day the metric was reckoned on.
    public var asOf: Day
    public var filter: MetricsFilter
    public var columns: [String]
    public var rows: [[MetricValue]]
    /// Rows left out because their group held fewer learners than the small-group rule allows.
    public var suppressedGroups: Int
    /// Extra series a chart draws (a survival curve per EPA and level), keyed by row label.
    public var curves: [SurvivalCurve.Labelled]

    public init(metric: MetricName, asOf: Day, filter: MetricsFilter, columns: [String], rows: [[MetricValue]] = [],
                suppressedGroups: Int = 0, curves: [SurvivalCurve.Labelled] = []) {
        self.metric = metric
        self.asOf = asOf
        self.filter = filter
        self.columns = columns
        self.rows = rows
        self.suppressedGroups = suppressedGroups
        self.curves = curves
    }

    /// The value in `column` of row `index`; `nil` when there is no such column.
    public func value(_ column: String, row index: Int) -> MetricValue? {
        guard let position = columns.firstIndex(of: column), rows.indices.contains(index) else { return nil }
        return rows[index][position]
    }

    /// RFC 4180 CSV: a header of the column names, then one line per row, CRLF line ends.
    public func csv() -> String {
        var lines = [columns.map(Self.csvField).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { Self.csvField($0.plain) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension MetricTable: Encodable {
    private enum CodingKeys: String, CodingKey { case metric, summary, asOf, filter, columns, rows, suppressedGroups, smallGroupMinimum, curves }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `rows` as objects keyed by column name, so a reader needs no column positions.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(metric.summary, forKey: .summary)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(filter, forKey: .filter)
        try container.encode(columns, forKey: .columns)
        var rowsContainer = container.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var object = rowsContainer.nestedContainer(keyedBy: Key.self)
            for (column, value) in zip(columns, row) {
                let key = Key(stringValue: column)
                switch value {
                case .text(let text): try object.encode(text, forKey: key)
                case .integer(let number): try object.encode(number, forKey: key)
                case .number(let number): try object.encode((number * 1000).rounded() / 1000, forKey: key)
                case .none: try object.encodeNil(forKey: key)
                }
            }
        }
        try container.encode(suppressedGroups, forKey: .suppressedGroups)
        if metric.countsLearners { try container.encode(SmallGroups.standard.minimum, forKey: .smallGroupMinimum) }
        if !curves.isEmpty { try container.encode(curves, forKey: .curves) }
    }
}
