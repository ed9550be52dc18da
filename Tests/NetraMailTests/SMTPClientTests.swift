import Foundation
import NetraMail
import NetraSamples
import Testing

extension TestSMTPServer {
    static func configuration(security: SMTPConfiguration.Security = .startTLS, username: String? = nil, password: String? = nil,
                              trustingTestCertificate: Bool = true) throws -> SMTPConfiguration {
        let address = try #require(address)
        return SMTPConfiguration(host: address.host, port: address.port, security: security, username: username, password: password,
                                 sender: try MailAddress("netra@bkpsdm.example.go.id", name: "Netra BKPSDM"),
                                 extraTrustFile: trustingTestCertificate ? certificate : nil, timeout: .seconds(10))
    }
}

@Suite("SMTP client against a real server", .enabled(if: TestSMTPServer.isAvailable))
struct SMTPClientTests {
    func message(to recipient: String, body: String = "Kasus 001/NETRA/2026 menunggu tindak lanjut Anda.\n.\nBaris bertitik di atas.") throws -> MailMessage {
        MailMessage(from: try MailAddress("netra@bkpsdm.example.go.id", name: "Netra BKPSDM"), to: try MailAddress(recipient),
                    subject: "Perlu tindakan: kasus netralitas ASN — tenggat 7 Desember", body: body,
                    messageID: "\(UUID().uuidString)@netra.test", date: Date(timeIntervalSince1970: 1_796_000_000))
    }

    @Test func deliversOverSTARTTLSWithAuthentication() async throws {
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration(username: "netra", password: "sandi-uji"))
        let message = try message(to: "kadisdik@pemkab.example.go.id")
        try await client.send(message)
        let delivered = try #require(try TestSMTPServer.delivered(message.messageID))
        #expect(delivered.recipient == "kadisdik@pemkab.example.go.id")
        #expect(delivered.headers.contains("Subject: =?UTF-8?B?"))
        #expect(delivered.body == message.body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func deliversWithoutAuthenticationWhenNoneIsConfigured() async throws {
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration())
        let message = try message(to: "sekdin@pemkab.example.go.id", body: "Tanpa titik.")
        try await client.send(message)
        #expect(try TestSMTPServer.delivered(message.messageID)?.body == "Tanpa titik.")
    }

    @Test func aWrongPasswordIsAPermanentRefusal() async throws {
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration(username: "netra", password: "salah"))
        let message = try message(to: "kadisdik@pemkab.example.go.id")
        let error = await #expect(throws: SMTPError.self) { try await client.send(message) }
        #expect(error?.kind == .permanent)
        #expect(try TestSMTPServer.delivered(message.messageID) == nil)
    }

    @Test func aBusyMailboxIsTransientAndARefusedOneIsPermanent() async throws {
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration())
        let busy = await #expect(throws: SMTPError.self) { try await client.send(try message(to: "sibuk@pemkab.example.go.id")) }
        #expect(busy?.code == 451)
        #expect(busy?.isTransient == true)
        let refused = await #expect(throws: SMTPError.self) { try await client.send(try message(to: "tolak@pemkab.example.go.id")) }
        #expect(refused?.code == 550)
        #expect(refused?.isTransient == false)
    }

    @Test func anUntrustedCertificateStopsTheMessageBeforeAnythingIsSent() async throws {
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration(username: "netra", password: "sandi-uji",
                                                                                  trustingTestCertificate: false))
        let message = try message(to: "kadisdik@pemkab.example.go.id")
        let error = await #expect(throws: SMTPError.self) { try await client.send(message) }
        #expect(error?.kind == .connection)
        #expect(try TestSMTPServer.delivered(message.messageID) == nil)
    }

    @Test func aPlainConnectionIsRefusedWhenTheServerMustBeReachedOverTLS() async throws {
        // The test server offers STARTTLS but does not speak TLS from the first byte.
        let client = try SMTPClient(configuration: try TestSMTPServer.configuration(security: .tls))
        let error = await #expect(throws: SMTPError.self) { try await client.send(try message(to: "kadisdik@pemkab.example.go.id")) }
        #expect(error?.isTransient == true)
    }
}

@Suite("SMTP client without a server")
struct SMTPClientOfflineTests {
    @Test func aRefusedConnectionIsTransient() async throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: 1, sender: try MailAddress("netra@example.go.id"), timeout: .seconds(5))
        let client = try SMTPClient(configuration: configuration)
        let message = MailMessage(from: configuration.sender, to: try MailAddress("a@example.go.id"), subject: "Uji", body: "Uji",
                                  messageID: "1@netra.test", date: Date())
        let error = await #expect(throws: SMTPError.self) { try await client.send(message) }
        #expect(error?.kind == .connection)
        #expect(error?.isTransient == true)
    }

    @Test func aPasswordIsNeverSentWithoutEncryption() throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: 25, security: .none, username: "netra", password: "x",
                                              sender: try MailAddress("netra@example.go.id"))
        #expect(throws: SMTPError.self) { try SMTPClient(configuration: configuration) }
    }

    @Test func addressesAndHeadersCannotCarryCommandsOrExtraHeaders() throws {
        #expect(throws: SMTPError.self) { try MailAddress("a@example.go.id>\r\nRCPT TO:<b@example.go.id") }
        #expect(throws: SMTPError.self) { try MailAddress("a b@example.go.id") }
        #expect(throws: SMTPError.self) { try MailAddress("a@example.go.id", name: "A\r\nBcc: b@example.go.id") }
        let message = MailMessage(from: try MailAddress("a@example.go.id"), to: try MailAddress("b@example.go.id"),
                                  subject: "Uji\r\nBcc: c@example.go.id", body: "", messageID: "1@netra.test", date: Date())
        #expect(throws: SMTPError.self) { try message.rendered() }
    }

    @Test func theMessageIsRenderedWithEncodedSubjectAndBase64Body() throws {
        let message = MailMessage(from: try MailAddress("netra@example.go.id", name: "Netra BKPSDM"),
                                  to: try MailAddress("b@example.go.id", name: "Drs. Bambang"),
                                  subject: "Pengingat — tenggat kasus", body: "Baris satu\nBaris dua",
                                  messageID: "abc@netra.test", date: Date(timeIntervalSince1970: 0))
        let text = try message.rendered()
        #expect(text.contains("From: \"Netra BKPSDM\" <netra@example.go.id>\r\n"))
        #expect(text.contains("To: \"Drs. Bambang\" <b@example.go.id>\r\n"))
        #expect(text.contains("Subject: =?UTF-8?B?\(Data("Pengingat — tenggat kasus".utf8).base64EncodedString())?=\r\n"))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.hasSuffix("\r\n\r\n" + Data("Baris satu\r\nBaris dua".utf8).base64EncodedString() + "\r\n"))
    }
}
