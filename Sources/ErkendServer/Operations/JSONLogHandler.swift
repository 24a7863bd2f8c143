public import Foundation
public import Logging
import Synchronization

/// Logs as one JSON object per line on standard error, for log collectors (`erkend serve --log-format json`):
///
///     {"time":"2026-12-03T17:40:01.123Z","level":"info","message":"signed in","label":"erkend",
///      "request_id":"5f2c…","metadata":{"account":"acc-1","session":"…"}}
///
/// `request_id` is Hummingbird's id of the request the line belongs to (absent on lines no request caused).
/// The handler writes what it is given: keeping secrets and personal values out of the log is the
/// callers' rule (see Docs/security.md), and the JSON form only changes how it looks.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    private let output: Output

    public init(label: String, output: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.output = Output(write: output)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var object: [String: Any] = [
            "time": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "message": "\(event.message)",
            "label": label,
        ]
        if let id = merged.removeValue(forKey: "hb.request.id") { object["request_id"] = "\(id)" }
        if !merged.isEmpty { object["metadata"] = merged.mapValues(Self.plain) }
        if event.level >= .warning { object["source"] = "\(event.file.split(separator: "/").last ?? ""):\(event.line)" }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        output.write(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// Metadata as JSON: strings, lists and objects as they are.
    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Whole lines to standard error, one write each, so that lines from several threads never interleave.
    @Sendable public static func standardError(_ line: String) {
        let bytes = Array(line.utf8)
        lock.withLock { _ in
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                if result <= 0 { return }
                written += result
            }
        }
    }

    private static let lock = Mutex(())

    private struct Output: Sendable {
        let write: @Sendable (String) -> Void
    }
}
