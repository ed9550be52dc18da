import Foundation

/// The real SMTP server of scripts/smtp-test-server.py, which `.ci/run` starts: NETRA_TEST_SMTP is its
/// "host:port", NETRA_TEST_SMTP_SPOOL the folder where it writes what it accepted (and its certificate).
public enum TestSMTPServer {
    public static var address: (host: String, port: Int)? {
        guard let value = ProcessInfo.processInfo.environment["NETRA_TEST_SMTP"], let colon = value.lastIndex(of: ":"),
              let port = Int(value[value.index(after: colon)...]) else { return nil }
        return (String(value[..<colon]), port)
    }

    public static var spool: String { ProcessInfo.processInfo.environment["NETRA_TEST_SMTP_SPOOL"] ?? "" }
    public static var isAvailable: Bool { address != nil && !spool.isEmpty }
    /// The server's self-signed certificate, to trust in tests.
    public static var certificate: String { spool + "/cert.pem" }

    /// The accepted message whose Message-ID is `id`: its envelope recipient, headers and decoded body.
    public static func delivered(_ id: String) throws -> (recipient: String, headers: String, body: String)? {
        try deliveredMessages().first { $0.headers.contains("Message-ID: <\(id)>") }
    }

    /// Every accepted message: envelope recipient, headers and decoded body.
    public static func deliveredMessages() throws -> [(recipient: String, headers: String, body: String)] {
        try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let text = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let headers = parts[0]
            let recipient = headers.components(separatedBy: "\r\n")[0].replacingOccurrences(of: "X-Envelope-To: ", with: "")
            let body = Data(base64Encoded: parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")).map { String(decoding: $0, as: UTF8.self) }
            return (recipient, headers, body ?? "")
        }
    }
}
