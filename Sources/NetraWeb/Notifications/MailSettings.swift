import Foundation
import NetraCore
import NetraMail

/// How notifications leave Netra by e-mail. Without a host they stay in Netra's own lists.
public struct MailSettings: Sendable {
    public var smtp: SMTPConfiguration
    /// Netra's address as its users reach it ("https://netra.example.go.id"), for the links in messages.
    public var publicURL: String
    public var policy: DeliveryPolicy
    /// How often the server looks for mail to send.
    public var interval: Duration

    public init(smtp: SMTPConfiguration, publicURL: String, policy: DeliveryPolicy = DeliveryPolicy(), interval: Duration = .seconds(30)) {
        self.smtp = smtp
        self.publicURL = publicURL
        self.policy = policy
        self.interval = interval
    }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads NETRA_SMTP_HOST, NETRA_SMTP_PORT (587), NETRA_SMTP_SECURITY (starttls, tls or none),
    /// NETRA_SMTP_USER, NETRA_SMTP_PASSWORD_FILE (or NETRA_SMTP_PASSWORD), NETRA_SMTP_FROM, NETRA_SMTP_FROM_NAME,
    /// NETRA_SMTP_CA_FILE and NETRA_PUBLIC_URL; nil when no host is set. A setting that cannot work stops the start.
    public static func fromEnvironment(_ environment: [String: String]) throws -> MailSettings? {
        func value(_ key: String) -> String? {
            environment[key].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let host = value("NETRA_SMTP_HOST") else { return nil }
        let security = try value("NETRA_SMTP_SECURITY").map { raw in
            guard let security = SMTPConfiguration.Security(rawValue: raw.lowercased()) else {
                throw Problem(description: "NETRA_SMTP_SECURITY \"\(raw)\" tidak dikenal: gunakan starttls, tls atau none.")
            }
            return security
        } ?? .startTLS
        let port = try value("NETRA_SMTP_PORT").map { raw in
            guard let port = Int(raw), (1...65_535).contains(port) else { throw Problem(description: "NETRA_SMTP_PORT \"\(raw)\" bukan nomor port.") }
            return port
        } ?? (security == .tls ? 465 : 587)
        guard let from = value("NETRA_SMTP_FROM") else {
            throw Problem(description: "NETRA_SMTP_FROM (alamat pengirim, mis. netra@bkpsdm.example.go.id) wajib diisi bila NETRA_SMTP_HOST diisi.")
        }
        guard let publicURL = value("NETRA_PUBLIC_URL"), let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""),
              url.host != nil else {
            throw Problem(description: "NETRA_PUBLIC_URL (alamat Netra bagi penggunanya, mis. https://netra.example.go.id) wajib diisi bila NETRA_SMTP_HOST diisi: tautan dalam e-mail memakainya.")
        }
        var password = value("NETRA_SMTP_PASSWORD")
        if let file = value("NETRA_SMTP_PASSWORD_FILE") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Problem(description: "NETRA_SMTP_PASSWORD_FILE \(file) tidak dapat dibaca.")
            }
            password = text.trimmingCharacters(in: .newlines)
        }
        let sender: MailAddress
        do { sender = try MailAddress(from, name: value("NETRA_SMTP_FROM_NAME") ?? "Netra") } catch {
            throw Problem(description: "NETRA_SMTP_FROM \"\(from)\" bukan alamat e-mail yang sah.")
        }
        let smtp = SMTPConfiguration(host: host, port: port, security: security, username: value("NETRA_SMTP_USER"), password: password,
                                     sender: sender, heloName: url.host ?? "netra.localhost", extraTrustFile: value("NETRA_SMTP_CA_FILE"))
        do { _ = try SMTPClient(configuration: smtp) } catch let error as SMTPError {
            throw Problem(description: error.message)
        }
        return MailSettings(smtp: smtp, publicURL: publicURL)
    }
}
