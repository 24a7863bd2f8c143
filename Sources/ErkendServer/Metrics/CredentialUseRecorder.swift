public import ErkendCore
public import Foundation
import Hummingbird
public import Logging
public import ServiceLifecycle
import Synchronization

/// Counts credential use (verifications, status-list fetches) per day in
/// memory and adds the counts to the store every `interval` and when the
/// server stops, so serving a status list never waits for a write. A crash
/// loses at most the last `interval` of counts. Nothing about the caller is
/// kept: only the day and the kind.
///
/// The credentials routes' verify handler calls `record(.verification)`;
/// status-list fetches are counted by `CredentialUseMiddleware`.
public final class CredentialUseRecorder: Service, Sendable {
    /// How often the counts in memory are added to the store.
    public static let defaultInterval: Duration = .seconds(60)

    let repository: any MetricsRepository
    let now: @Sendable () -> Date
    let interval: Duration
    let logger: Logger
    private let tally = Mutex(CredentialUse.Tally())

    public init(repository: any MetricsRepository, now: @escaping @Sendable () -> Date = { Date() }, interval: Duration = defaultInterval,
                logger: Logger = Logger(label: "erkend.credential-use")) {
        self.repository = repository
        self.now = now
        self.interval = interval
        self.logger = logger
    }

    /// Counts one use today (in the Netherlands' time zone, as every day in Erkend).
    public func record(_ kind: CredentialUse.Kind) {
        let day = Day(now())
        tally.withLock { $0.add(kind, on: day) }
    }

    /// Adds what was counted to the store; on failure the counts go back into memory for the next try.
    public func flush() async {
        let counts = tally.withLock { $0.drain() }
        guard !counts.isEmpty else { return }
        do {
            try await repository.recordCredentialUse(counts)
        } catch {
            tally.withLock { tally in
                for count in counts { tally.add(count.kind, on: count.day, count: count.count) }
            }
            logger.warning("credential use not stored; kept in memory for the next try", metadata: ["error": "\(error)"])
        }
    }

    /// Flushes every `interval` until the server shuts down (or the task is cancelled), then once more.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: self.interval)
                await self.flush()
            }
        }
        await flush()
    }
}

/// Counts every status list served (200, or 304 when the verifier's copy is current) as a status-list fetch.
/// It looks only at the path (`/status/N`, `/status/N/token`) and the status, never at who asked.
struct CredentialUseMiddleware<Context: RequestContext>: RouterMiddleware {
    let recorder: CredentialUseRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if request.method == .get, response.status == .ok || response.status == .notModified, Self.isStatusList(request.uri.path) {
            recorder.record(.statusListFetch)
        }
        return response
    }

    /// `/status/N` or `/status/N/token`, N a number.
    static func isStatusList(_ path: String) -> Bool {
        guard path.hasPrefix("/status/") else { return false }
        var rest = path.dropFirst("/status/".count)
        if rest.hasSuffix("/token") { rest = rest.dropLast("/token".count) }
        return !rest.isEmpty && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber)
    }
}
