/// Where a case stands. The happy path runs top to bottom; `dismissed` can end any open case.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case received
    case verified
    case summoned
    case examined
    case recommended
    case decided
    case sanctionCarriedOut = "sanction_carried_out"
    case closed
    case dismissed

    public var isOpen: Bool { self != .closed && self != .dismissed }

    /// Whether a case in this status, due on `dueOn`, is late on `date`.
    public func isOverdue(dueOn: LocalDate?, on date: LocalDate) -> Bool {
        isOpen && (dueOn.map { date > $0 } ?? false)
    }

    public var title: String {
        switch self {
        case .received: "Diterima"
        case .verified: "Diverifikasi"
        case .summoned: "Dipanggil"
        case .examined: "Diperiksa"
        case .recommended: "Direkomendasikan"
        case .decided: "Diputuskan"
        case .sanctionCarriedOut: "Sanksi dilaksanakan"
        case .closed: "Selesai"
        case .dismissed: "Dihentikan"
        }
    }

    /// What the reporter is told of the case: the stage in plain words and, at the end, whether a violation was
    /// found. The sanction level and the people involved stay inside the case.
    public func reporterTitle(sanctioned: Bool) -> String {
        switch self {
        case .received, .verified, .summoned, .examined: "Sedang diperiksa oleh atasan ASN yang dilaporkan"
        case .recommended: "Pemeriksaan selesai; menunggu keputusan Pejabat Pembina Kepegawaian"
        case .decided, .sanctionCarriedOut: "Pelanggaran terbukti; Pejabat Pembina Kepegawaian telah menjatuhkan sanksi"
        case .closed: sanctioned ? "Selesai: pelanggaran terbukti dan sanksi telah dijatuhkan" : "Selesai"
        case .dismissed: "Dihentikan: pelanggaran tidak terbukti atau bukti tidak cukup"
        }
    }
}

/// Working days allowed in each status before the case is overdue. Configurable per deployment;
/// only the PPK's 14 working days after a recommendation is sourced (legal-facts §2), the rest are
/// defaults a BKPSDM can change.
public struct DeadlinePolicy: Sendable, Codable, Equatable {
    public var workingDays: [CaseStatus: Int]
    /// A summons must be served at least this many working days before the examination.
    public var summonsNoticeWorkingDays: Int
    /// And the examination held at most this many working days after the summons: whoever summons cannot push
    /// the case's deadline out of reach by naming a far date.
    public var summonsLatestWorkingDays: Int

    public static let standard = DeadlinePolicy(
        workingDays: [.received: 7, .verified: 5, .examined: 10, .recommended: 14, .decided: 14, .sanctionCarriedOut: 5],
        summonsNoticeWorkingDays: 7, summonsLatestWorkingDays: 21
    )

    public init(workingDays: [CaseStatus: Int], summonsNoticeWorkingDays: Int, summonsLatestWorkingDays: Int = 21) {
        self.workingDays = workingDays
        self.summonsNoticeWorkingDays = summonsNoticeWorkingDays
        self.summonsLatestWorkingDays = summonsLatestWorkingDays
    }
}

extension DeadlinePolicy {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Overrides from configuration text such as `received=7,recommended=14,summons_notice=7`.
    public func overridden(by text: String) throws -> DeadlinePolicy {
        var policy = self
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let days = Int(parts[1]), days >= 0 else {
                throw Invalid(description: "Tenggat \"\(item)\" tidak sah; gunakan langkah=hari_kerja, mis. recommended=14.")
            }
            if parts[0] == "summons_notice" {
                policy.summonsNoticeWorkingDays = days
            } else if parts[0] == "summons_latest" {
                policy.summonsLatestWorkingDays = days
            } else if let status = CaseStatus(rawValue: parts[0]), status.isOpen {
                policy.workingDays[status] = days
            } else {
                throw Invalid(description: "Langkah \"\(parts[0])\" tidak dikenal.")
            }
        }
        guard policy.summonsLatestWorkingDays >= policy.summonsNoticeWorkingDays else {
            throw Invalid(description: "summons_latest (\(policy.summonsLatestWorkingDays)) tidak boleh kurang dari summons_notice (\(policy.summonsNoticeWorkingDays)).")
        }
        return policy
    }
}
