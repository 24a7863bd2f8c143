import ErkendServer
import ErkendCore
import Foundation
import Hummingbird
import Logging

/// The HTTP benchmarks' common parts: a server on a free loopback port in this
/// process, and what wrk printed.
struct BenchServer {
    let port: Int
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    /// Serves `store` on a free port until `stop()`.
    static func start(_ store: ErkendStorage, backlog: Int = 1024) async throws -> BenchServer {
        // Cancelling the server at the end makes Hummingbird log its shutdown as errors; they say nothing here.
        var logger = Logger(label: "erkend-bench")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(ErkendServices(storage: store), configuration: ServerConfiguration(host: "127.0.0.1", port: 0, backlog: backlog),
                                       logger: logger) { port in continuation.yield(port) }
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw CLIError("the server did not start")
        }
        return BenchServer(port: port, task: task)
    }

    func stop() { task.cancel() }

    /// One wrk run's figures.
    struct Load {
        var requests: Int
        var non2xx: Int
        var rate: Double
        var p99: String
        /// wrk's error lines, or "no errors".
        var errors: String

        /// Reads wrk's `--latency` report.
        init(wrkOutput output: String) {
            let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            func number<T: LosslessStringConvertible>(after marker: String, separator: Character, at index: Int) -> T? {
                lines.first { $0.contains(marker) }.flatMap { line in
                    let parts = line.split(separator: separator)
                    return parts.indices.contains(index) ? T(parts[index].trimmingCharacters(in: .whitespaces)) : nil
                }
            }
            requests = number(after: "requests in", separator: " ", at: 0) ?? 0
            non2xx = number(after: "Non-2xx", separator: ":", at: 1) ?? 0
            rate = number(after: "Requests/sec:", separator: ":", at: 1) ?? 0
            p99 = lines.first { $0.hasPrefix("99%") }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) } ?? "?"
            let errorLines = lines.filter { $0.hasPrefix("Non-2xx") || $0.hasPrefix("Socket errors") }.joined(separator: "; ")
            errors = errorLines.isEmpty ? "no errors" : errorLines
        }
    }
}
