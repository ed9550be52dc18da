import Foundation

/// Why someone is told about a case.
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    /// A verified case now waits on this unit head (or the PPK).
    case assignment
    /// A step's deadline is near.
    case reminder
    /// A missed deadline moved the case to this person.
    case escalation
    /// A missed deadline moved the case away from this person, to the level above.
    case takenOver
    /// The reporter's report changed status (only when they asked to be told).
    case reportStatus
    /// A unit's supervision statement is due today.
    case statementDue
    /// A unit below has not sent its supervision statement by its due date.
    case statementMissing

    public var title: String {
        switch self {
        case .assignment: "Kasus baru"
        case .reminder: "Pengingat tenggat"
        case .escalation: "Kasus dialihkan kepada Anda"
        case .takenOver: "Kasus diambil alih"
        case .reportStatus: "Status laporan"
        case .statementDue: "Laporan pengawasan jatuh tempo"
        case .statementMissing: "Laporan pengawasan belum masuk"
        }
    }
}

/// One notification: what the in-app list shows and what an e-mail says. It names the case by its
/// number and links to it; it never carries evidence, the reporter's identity or the reported person's name.
public struct Notice: Sendable, Equatable {
    public let kind: NoticeKind
    public let subject: String
    public let body: String
    /// The path in Netra that the message links to ("/kasus/…", "/status").
    public let link: String

    public static func assignment(caseNumber: String, due: LocalDate?, link: String) -> Notice {
        let deadline = due.map { " Langkah berikutnya harus diselesaikan paling lambat \($0.indonesianLong)." } ?? ""
        return Notice(kind: .assignment, subject: "Kasus \(caseNumber) menunggu tindak lanjut Anda",
                      body: "Dugaan pelanggaran netralitas ASN dengan nomor kasus \(caseNumber) telah diverifikasi dan ditugaskan kepada Anda sebagai atasan yang berwenang.\(deadline)",
                      link: link)
    }

    public static func reminder(caseNumber: String, due: LocalDate, link: String) -> Notice {
        Notice(kind: .reminder, subject: "Pengingat: kasus \(caseNumber) bertenggat \(due.indonesianLong)",
               body: "Kasus \(caseNumber) harus ditindaklanjuti paling lambat \(due.indonesianLong). Bila tenggat terlewati, kasus dialihkan kepada atasan satu tingkat di atas Anda.",
               link: link)
    }

    public static func escalation(caseNumber: String, missed: LocalDate, link: String) -> Notice {
        Notice(kind: .escalation, subject: "Kasus \(caseNumber) dialihkan kepada Anda",
               body: "Kasus \(caseNumber) melewati tenggat \(missed.indonesianLong) tanpa tindak lanjut dan kini menjadi tanggung jawab Anda.",
               link: link)
    }

    public static func takenOver(caseNumber: String, missed: LocalDate, link: String) -> Notice {
        Notice(kind: .takenOver, subject: "Kasus \(caseNumber) diambil alih atasan",
               body: "Kasus \(caseNumber) melewati tenggat \(missed.indonesianLong) dan telah dialihkan kepada atasan satu tingkat di atas Anda. Anda tidak lagi menanganinya.",
               link: link)
    }

    public static func reportStatus(receipt: String, statusTitle: String, link: String) -> Notice {
        Notice(kind: .reportStatus, subject: "Status laporan Anda: \(statusTitle)",
               body: "Laporan Anda dengan kode \(receipt) kini berstatus: \(statusTitle). Rinciannya dapat dilihat di halaman status laporan dengan kode dan kata rahasia yang Anda terima saat melapor.",
               link: link)
    }

    public static func statementDue(unit: String, period: String, due: LocalDate) -> Notice {
        Notice(kind: .statementDue, subject: "Laporan pengawasan netralitas \(unit) jatuh tempo hari ini",
               body: "Laporan pengawasan netralitas ASN \(unit) untuk periode \(period) harus disampaikan paling lambat hari ini, \(due.indonesianLong). Bila tidak ada temuan, laporkan nihil.",
               link: "/pengawasan")
    }

    public static func statementMissing(unit: String, period: String, due: LocalDate) -> Notice {
        Notice(kind: .statementMissing, subject: "Laporan pengawasan \(unit) belum masuk",
               body: "Laporan pengawasan netralitas ASN \(unit) untuk periode \(period) belum masuk sampai batasnya, \(due.indonesianLong). Mintalah laporannya, atau tandai tidak masuk agar laporan Anda dapat disampaikan.",
               link: "/pengawasan")
    }

    public init(kind: NoticeKind, subject: String, body: String, link: String) {
        self.kind = kind
        self.subject = subject
        self.body = body
        self.link = link
    }

    /// The e-mail text: the notice, its full link, and why the message came.
    public static func emailBody(_ body: String, link: String, publicURL: String) -> String {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return """
        Yth. Bapak/Ibu,

        \(body)

        Buka: \(base)\(link)

        Pesan ini dikirim otomatis oleh Netra, sistem pengawasan netralitas ASN. Jangan membalas pesan ini; tindak lanjut dilakukan di Netra.
        """
    }
}
