import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to hand mail over: a relay of the Pemkab's or a mail provider's submission port.
public struct SMTPConfiguration: Sendable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS (port 587); the server must offer it.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption, for a relay on the same machine or network only; never with a password.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var sender: MailAddress
    /// The name this machine gives in EHLO.
    public var heloName: String
    /// A PEM file of certificates to trust besides the system's (a Pemkab's own certificate authority).
    public var extraTrustFile: String?
    /// The longest wait for any one reply, and for the connection itself.
    public var timeout: TimeAmount

    public init(host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String? = nil,
                sender: MailAddress, heloName: String = "netra.localhost", extraTrustFile: String? = nil, timeout: TimeAmount = .seconds(30)) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.sender = sender
        self.heloName = heloName
        self.extraTrustFile = extraTrustFile
        self.timeout = timeout
    }
}

/// A small SMTP client (RFC 5321) with STARTTLS (RFC 3207) and AUTH PLAIN/LOGIN (RFC 4954): one
/// message per connection, which is all notification delivery needs. Written by hand because no SMTP
/// package is among the Swift packages Netra may depend on; it stands on SwiftNIO and swift-nio-ssl.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        if configuration.security == .none, configuration.username != nil {
            throw SMTPError(.configuration, "Sandi SMTP tidak dikirim tanpa enkripsi: pakai STARTTLS atau TLS.")
        }
        self.configuration = configuration
        self.group = group
    }

    public func send(_ message: MailMessage) async throws {
        let data = try message.rendered()
        let tls = try configuration.security == .none ? nil : makeTLSContext()
        let host = configuration.host
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.timeout)
                .channelInitializer { [security = configuration.security] channel in
                    channel.eventLoop.makeCompletedFuture {
                        if security == .tls, let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                    }
                }
                .connect(host: host, port: configuration.port).get()
        } catch {
            throw SMTPError(.connection, "Tidak dapat terhubung ke server SMTP \(host):\(configuration.port): \(error)")
        }
        let session = SMTPSession(channel: channel, timeout: configuration.timeout)
        do {
            try await converse(session, message: message, data: data, tls: tls)
            _ = try? await session.exchange("QUIT")
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private func converse(_ session: SMTPSession, message: MailMessage, data: String, tls: NIOSSLContext?) async throws {
        try await session.expect(nil, step: "salam pembuka")
        var extensions = try await session.expect("EHLO \(configuration.heloName)", step: "EHLO").lines.dropFirst().map { $0.uppercased() }
        if configuration.security == .startTLS {
            guard extensions.contains("STARTTLS"), let tls else {
                throw SMTPError(.configuration, "Server SMTP \(configuration.host) tidak menawarkan STARTTLS; pesan tidak dikirim tanpa enkripsi.")
            }
            try await session.expect("STARTTLS", step: "STARTTLS")
            try await session.startTLS(tls, serverHostname: Self.sniName(configuration.host))
            extensions = try await session.expect("EHLO \(configuration.heloName)", step: "EHLO").lines.dropFirst().map { $0.uppercased() }
        }
        if let username = configuration.username {
            try await authenticate(session, username: username, password: configuration.password ?? "", extensions: extensions)
        }
        try await session.expect("MAIL FROM:<\(message.from.address)>", step: "MAIL FROM")
        try await session.expect("RCPT TO:<\(message.to.address)>", step: "RCPT TO")
        try await session.expect("DATA", step: "DATA")
        // No line of a rendered message starts with a dot (headers, then base64), so none needs stuffing.
        try await session.expect(data + ".", step: "isi pesan")
    }

    private func authenticate(_ session: SMTPSession, username: String, password: String, extensions: [String]) async throws {
        let mechanisms = extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }?.dropFirst(5).split(separator: " ") ?? []
        if mechanisms.contains("PLAIN") {
            let credentials = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
            try await session.expect("AUTH PLAIN \(credentials)", step: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await session.expect("AUTH LOGIN", step: "AUTH LOGIN")
            try await session.expect(Data(username.utf8).base64EncodedString(), step: "AUTH LOGIN")
            try await session.expect(Data(password.utf8).base64EncodedString(), step: "AUTH LOGIN")
        } else {
            throw SMTPError(.configuration, "Server SMTP tidak menawarkan AUTH PLAIN atau LOGIN.")
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.extraTrustFile {
            tls.additionalTrustRoots = [.file(file)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(.configuration, "Pengaturan TLS untuk SMTP tidak dapat dibuat: \(error)")
        }
    }

    /// An IP address is not a server name for SNI; the certificate is then checked against the address.
    private static func sniName(_ host: String) -> String? {
        host.allSatisfy({ $0.isNumber || $0 == "." }) || host.contains(":") ? nil : host
    }
}

/// One connection's conversation: a command, then its reply, within the time allowed.
struct SMTPSession: Sendable {
    let channel: any Channel
    let timeout: TimeAmount

    /// Sends `command` (none for the greeting) and waits for a positive reply.
    @discardableResult
    func expect(_ command: String?, step: String) async throws -> SMTPReply {
        let reply = try await exchange(command)
        guard reply.isPositive else { throw SMTPError.reply(reply, to: step) }
        return reply
    }

    func exchange(_ command: String?) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let bytes = command.map { channel.allocator.buffer(string: $0 + "\r\n") }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { [channel] in
            promise.fail(SMTPError(.connection, "Server SMTP tidak menjawab dalam waktu yang ditentukan."))
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            try await channel.writeAndFlush(SMTPExchange(bytes: bytes, reply: promise))
        } catch {
            let failure = SMTPError(.connection, "Koneksi ke server SMTP terputus: \(error)")
            promise.fail(failure)
            throw failure
        }
        return try await promise.futureResult.get()
    }

    /// Puts TLS under the reply handler once the server said 220 to STARTTLS, refusing if the server sent
    /// anything more before the handshake (that is how STARTTLS command injection works).
    func startTLS(_ context: NIOSSLContext, serverHostname: String?) async throws {
        try await channel.eventLoop.submit { [channel] in
            let replies = try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self)
            guard !replies.hasUnreadInput else {
                throw SMTPError(.protocolViolation, "Server SMTP mengirim data sebelum jabat tangan TLS; koneksi diputus.")
            }
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverHostname),
                                                           position: .first)
        }.get()
    }
}
