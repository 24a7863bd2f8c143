import Foundation

/// Progress on one line of a terminal, redrawn in place; silent when standard
/// error is not a terminal, so scripts and logs stay clean.
final class TerminalProgress: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text())".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
