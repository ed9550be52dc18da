import NetraMail

/// Hands one message to the outside world: SMTP when live, a recorder in tests.
public struct Mailer: Sendable {
    public var send: @Sendable (MailMessage) async throws -> Void

    public init(send: @escaping @Sendable (MailMessage) async throws -> Void) {
        self.send = send
    }

    public static func smtp(_ configuration: SMTPConfiguration) throws -> Mailer {
        let client = try SMTPClient(configuration: configuration)
        return Mailer { try await client.send($0) }
    }
}
