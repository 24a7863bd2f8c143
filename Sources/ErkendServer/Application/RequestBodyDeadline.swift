import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Bounds how long a request body may take to arrive. The idle timeout closes a
/// connection that sends nothing, but a client that sends one byte every few
/// seconds of a large declared body is never idle: thousands of them held
/// every file descriptor the server had, and `/health` stopped answering
/// (issue 14). Here a body must be complete within `limit` of its request head,
/// and, after the first `grace`, arrive at `minimumRate` bytes a second at
/// least; a connection that falls behind is closed and the shedding is logged
/// (method and bytes only: paths carry link tokens).
///
/// One per connection, in the channel pipeline after HTTP decoding; it sees
/// each request part and passes it on unchanged.
final class RequestBodyDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let limit: TimeAmount
    let grace: TimeAmount
    let minimumRate: Int
    let logger: Logger

    private var timer: Scheduled<Void>?
    private var started: NIODeadline?
    private var received = 0
    private var method = ""

    init(limit: TimeAmount, grace: TimeAmount = .seconds(5), minimumRate: Int = 1024, logger: Logger) {
        self.limit = limit
        self.grace = grace
        self.minimumRate = minimumRate
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            finish()
            // Only requests that declare a body are timed; most requests have none.
            let length = head.headerFields[.contentLength]
            if head.headerFields[.transferEncoding] != nil || (length != nil && length != "0") {
                started = .now()
                received = 0
                method = head.method.rawValue
                let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                timer = context.eventLoop.scheduleTask(in: limit) {
                    handler.value.shed(context: bound.value, because: "its request body was not complete after \(handler.value.limit.nanoseconds / 1_000_000_000) s")
                }
            }
        case .body(let buffer):
            if let started {
                received += buffer.readableBytes
                let elapsed = NIODeadline.now() - started
                if elapsed > grace, Int64(received) * 1_000_000_000 < Int64(minimumRate) * elapsed.nanoseconds {
                    shed(context: context, because: "its request body arrived slower than \(minimumRate) bytes a second")
                    return
                }
            }
        case .end:
            finish()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    private func finish() {
        timer?.cancel()
        timer = nil
        started = nil
    }

    private func shed(context: ChannelHandlerContext, because reason: String) {
        guard started != nil else { return }
        logger.notice("closed a slow connection: \(reason)", metadata: [
            "method": .string(method), "bodyBytes": .stringConvertible(received),
        ])
        finish()
        context.close(promise: nil)
    }
}
