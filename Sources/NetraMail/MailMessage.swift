import Foundation

/// A plain-text message in UTF-8, rendered as RFC 5322 with MIME (RFC 2045/2047): the subject as an
/// encoded word, the body in base64 so that no relay rewraps or re-encodes Indonesian text.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var body: String
    /// Unique per notification, so that a receiving system can tell a repeat from a new message.
    public var messageID: String
    public var date: Date

    public init(from: MailAddress, to: MailAddress, subject: String, body: String, messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
    }

    /// The message as sent after DATA: CRLF line ends, no line starting with a lone dot.
    public func rendered() throws -> String {
        for header in [subject, messageID] where header.contains(where: \.isNewline) {
            throw SMTPError(.configuration, "Judul atau pengenal pesan memuat baris baru: \(header.prefix(40))")
        }
        var lines = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// "=?UTF-8?B?…?=" in pieces short enough for a 78-character header line; plain ASCII stays as it is.
    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) { return text }
        var words: [String] = []
        var piece = ""
        for character in text {
            if (piece + String(character)).utf8.count > 45 {
                words.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { words.append(piece) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// An address with an optional display name. Nothing that could end a header or an SMTP command
/// (line breaks, angle brackets, spaces) is accepted in the address itself.
public struct MailAddress: Sendable, Equatable {
    public let address: String
    public let name: String?

    public init(_ address: String, name: String? = nil) throws {
        guard !address.isEmpty, address.count <= 254, address.filter({ $0 == "@" }).count == 1,
              address.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"<>()\",;\\".contains($0) }) else {
            throw SMTPError(.configuration, "Alamat e-mail tidak sah: \(address.prefix(60))")
        }
        if let name, name.contains(where: \.isNewline) {
            throw SMTPError(.configuration, "Nama pengirim atau penerima memuat baris baru.")
        }
        self.address = address
        self.name = name
    }

    var header: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let safe = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || $0 == ".") }
        return safe ? "\"\(name)\" <\(address)>" : "\(MailMessage.encodedWord(name)) <\(address)>"
    }
}
