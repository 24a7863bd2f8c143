import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP connection to a loopback port that sends bytes exactly when told,
/// to play a slow or stalled client that URLSession cannot. Unchecked
/// Sendable: a test uses it from one thread at a time.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects; throws when nothing listens on `port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Refused()
        }
    }

    struct Refused: Error {}

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif

    func write(_ text: String) { write(Data(text.utf8)) }

    /// Sends all of `data`, or as much as the peer takes before closing (never raising SIGPIPE).
    func write(_ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Self.noSignal)
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }

    /// Reads until the server closes the connection or `timeout` passes; what came, and whether it closed.
    func receive(timeout: TimeInterval) -> (data: Data, closed: Bool) {
        var received = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return (received, true) }
            received.append(contentsOf: buffer[0..<count])
        }
        return (received, false)
    }

    deinit { close(descriptor) }
}

/// Runs `body` on a thread of its own and waits for it without holding one of
/// Swift concurrency's threads. For timing that must hold while other tests
/// block those threads: on two cores a test that waits for a process can hold
/// the whole cooperative pool, and a `Task.sleep` of half a second then ends
/// seconds late.
func onOwnThread(_ body: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        Thread.detachNewThread {
            body()
            continuation.resume()
        }
    }
}
