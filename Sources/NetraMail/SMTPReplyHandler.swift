import NIOCore

/// A server reply: its three-digit code and the text of each line (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public var text: String { lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// One step of the conversation: the bytes to send (none for the greeting) and where the reply goes.
struct SMTPExchange: Sendable {
    let bytes: ByteBuffer?
    let reply: EventLoopPromise<SMTPReply>
}

/// Frames replies out of the byte stream and hands each to the oldest waiting exchange. Commands are
/// never pipelined, so at most one exchange waits at a time.
final class SMTPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPExchange
    typealias OutboundOut = ByteBuffer

    /// A reply line longer than this is refused (RFC 5321 allows 512 octets; servers stay well under this).
    private static let maximumLineLength = 4096

    private var buffered = ByteBuffer()
    private var pendingLines: [String] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var unclaimed: [SMTPReply] = []
    /// Set once the connection failed: later exchanges fail at once instead of waiting for a reply.
    private var closedBecause: (any Error)?

    /// Bytes received but not yet read as a reply. After STARTTLS there must be none: anything the
    /// server (or someone in the middle) sent before the handshake must not be taken as coming over TLS.
    var hasUnreadInput: Bool { buffered.readableBytes > 0 || !unclaimed.isEmpty || !pendingLines.isEmpty }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        if let closedBecause {
            exchange.reply.fail(closedBecause)
            promise?.fail(closedBecause)
            return
        }
        if let reply = unclaimed.first {
            unclaimed.removeFirst()
            exchange.reply.succeed(reply)
        } else {
            waiting.append(exchange.reply)
        }
        if let bytes = exchange.bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffered.writeBuffer(&bytes)
        do {
            while let line = try nextLine() {
                try accept(line)
            }
        } catch {
            failAll(error)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(SMTPError(.connection, "Koneksi ke server SMTP terputus: \(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPError(.connection, "Server SMTP menutup koneksi."))
        context.fireChannelInactive()
    }

    private func nextLine() throws -> String? {
        let view = buffered.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > Self.maximumLineLength { throw SMTPError(.protocolViolation, "Baris balasan server SMTP terlalu panjang.") }
            return nil
        }
        let length = newline - view.startIndex
        guard length <= Self.maximumLineLength else { throw SMTPError(.protocolViolation, "Baris balasan server SMTP terlalu panjang.") }
        var line = buffered.readString(length: length) ?? ""
        buffered.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        buffered.discardReadBytes()
        return line
    }

    /// "250-first", "250-second", "250 last": a hyphen after the code means more lines follow.
    private func accept(_ line: String) throws {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)), (200...599).contains(code) else {
            throw SMTPError(.protocolViolation, "Balasan server SMTP tidak dapat dibaca: \(line.prefix(80))")
        }
        let separator = utf8.count > 3 ? utf8[3] : UInt8(ascii: " ")
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        pendingLines.append(text)
        guard separator != UInt8(ascii: "-") else { return }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingLines = []
        if waiting.isEmpty {
            unclaimed.append(reply)
        } else {
            waiting.removeFirst().succeed(reply)
        }
    }

    private func failAll(_ error: any Error) {
        if closedBecause == nil { closedBecause = error }
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(error) }
    }
}
