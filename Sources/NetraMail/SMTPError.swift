/// Why a message was not delivered, and whether trying again later can help.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No connection, a dropped connection or no answer in time: try again later.
        case connection
        /// A 4xx reply: the server asks to try again later.
        case transient
        /// A 5xx reply: the server refuses; trying again gives the same answer.
        case permanent
        /// The server spoke something other than SMTP, or broke the STARTTLS rules.
        case protocolViolation
        /// Netra's own settings or the message cannot work (no STARTTLS offered, a header with a line break).
        case configuration
    }

    public let kind: Kind
    /// The reply code, when the server answered.
    public let code: Int?
    public let message: String

    public init(_ kind: Kind, _ message: String, code: Int? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    /// Worth another attempt later: the network or a 4xx answer. A refusal or a wrong setting is not.
    public var isTransient: Bool { kind == .connection || kind == .transient }

    public var description: String { message }

    static func reply(_ reply: SMTPReply, to step: String) -> SMTPError {
        let kind: Kind = (400..<500).contains(reply.code) ? .transient : .permanent
        return SMTPError(kind, "Server SMTP menjawab \(reply.code) pada \(step): \(reply.text)", code: reply.code)
    }
}
