import Foundation

/// Whose move a case waits for at each status, and the step that moves it on. The supervisor of the
/// assigned unit summons and examines; the BKPSDM team recommends, records the sanction carried out and
/// closes; the PPK decides.
extension CaseStatus {
    public var nextStep: (event: String, permission: Permission, awaits: Role)? {
        switch self {
        case .verified: ("summon", .examineCase, .supervisor)
        case .summoned: ("examine", .examineCase, .supervisor)
        case .examined: ("recommend", .recommendSanction, .admin)
        case .recommended: ("decide", .decideSanction, .ppk)
        case .decided: ("carry_out_sanction", .closeCase, .admin)
        case .sanctionCarriedOut: ("close", .closeCase, .admin)
        case .received, .closed, .dismissed: nil
        }
    }

    /// The next step in the words of "Perlu tindakan saya".
    public var nextStepTitle: String? {
        switch self {
        case .verified: "Panggil untuk diperiksa"
        case .summoned: "Catat pemeriksaan"
        case .examined: "Rekomendasikan sanksi"
        case .recommended: "Putuskan sanksi"
        case .decided: "Catat pelaksanaan sanksi"
        case .sanctionCarriedOut: "Tutup kasus"
        case .received, .closed, .dismissed: nil
        }
    }
}

/// One thing waiting on the signed-in person.
public struct InboxItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A case step that is theirs.
        case caseStep = "kasus"
        /// A public report to verify or reject (the BKPSDM team).
        case report = "laporan"
        /// A circular their unit has not acknowledged.
        case circular = "surat_edaran"
        /// A summons addressed to them.
        case summons = "panggilan"
        /// Their unit's supervision statement to file, or one of a unit below that has not come in.
        case supervision = "pengawasan"
        /// A referral of Bawaslu's still awaiting the answer it is owed: verification, then the case's outcome.
        case referral = "rujukan"
    }

    public let kind: Kind
    public let title: String
    public let detail: String
    public let link: String
    public let dueOn: LocalDate?
    /// Working days from today to `dueOn`; negative once it has passed.
    public let workingDaysLeft: Int?

    public var overdue: Bool { (workingDaysLeft ?? 0) < 0 }

    public init(kind: Kind, title: String, detail: String, link: String, dueOn: LocalDate?, today: LocalDate, workingDays: WorkingDays) {
        self.kind = kind
        self.title = title
        self.detail = detail
        self.link = link
        self.dueOn = dueOn
        workingDaysLeft = dueOn.map { due in due >= today ? workingDays.count(from: today, to: due) : -workingDays.count(from: due, to: today) }
    }

    /// Most urgent first: overdue (longest overdue first), then the fewest working days left, then what has no
    /// deadline, by title.
    public static func ordered(_ items: [InboxItem]) -> [InboxItem] {
        items.sorted { a, b in
            switch (a.workingDaysLeft, b.workingDaysLeft) {
            case let (left?, right?) where left != right: left < right
            case (.some, nil): true
            case (nil, .some): false
            default: (a.dueOn?.iso8601 ?? "", a.title) < (b.dueOn?.iso8601 ?? "", b.title)
            }
        }
    }
}
