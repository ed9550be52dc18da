import Foundation
import NetraCore
import NetraStore

/// Page models for triage and cases, built from store records by pure functions.
struct TriageListPage: Encodable {
    struct Row: Encodable {
        let id: String
        let receipt: String
        let receivedAt: String
        let source: String
        let excerpt: String
        let asn: String
        let suggested: [String]
    }
    let rows: [Row]
}

struct TriageDetailPage: Encodable {
    struct Candidate: Encodable {
        let nip: String
        let name: String
        let unitName: String
        let position: String
        /// Why they may be the one ("nama sama · unit kerja disebut dalam laporan: SDN 1 Harapan Hilir"), or that nothing fits.
        let reasons: String
        /// What the reader chose last, after a refused submission; never set on a fresh page.
        let chosen: Bool
    }
    struct Evidence: Encodable {
        let sha256: String
        let contentType: String
        let size: Int
        let fileName: String
    }
    struct Option: Encodable {
        let value: String
        let title: String
        let suggested: Bool
    }
    let id: String
    let receipt: String
    let receivedAt: String
    let source: String
    let reference: String?
    let description: String
    let occurredOn: String?
    let location: String?
    let asnName: String?
    let asnNIP: String?
    let unit: String?
    let links: [String]
    let reporterName: String?
    let reporterContact: String?
    let evidence: [Evidence]
    /// The admin may open a file as it was sent (with a reason); others get the copy without metadata.
    let mayOpenOriginals: Bool
    let candidates: [Candidate]
    /// What the reader searched the registry for.
    let search: String?
    /// "Belum dikenali" chosen last, after a refused submission.
    let unidentifiedChosen: Bool
    /// Set once the report was verified or declined: what happened, and no form to do it again.
    let outcome: String?
    let caseLink: String?
    let duplicates: [DuplicateHint]
    let behaviours: [Option]
    let error: String?
}

/// The report as the case page shows it: what was reported, when and where, and the evidence.
struct OriginalReport: Encodable {
    let receipt: String
    let receivedAt: String
    let description: String
    let occurredOn: String?
    let location: String?
    let evidence: [TriageDetailPage.Evidence]
}

/// Setting or correcting a case's ASN (audited), from the ranked candidates or a search.
struct SubjectChoice: Encodable {
    let current: String?
    let candidates: [TriageDetailPage.Candidate]
    let search: String?
}

struct CaseListPage: Encodable {
    struct Row: Encodable {
        let id: String
        let number: String
        let asn: String
        let status: String
        let behaviours: String
        let dueOn: String
        let overdue: Bool
    }
    let rows: [Row]
    let statuses: [TriageDetailPage.Option]
    let behaviours: [TriageDetailPage.Option]
    let units: [TriageDetailPage.Option]
    let status: String
    let behaviour: String
    let overdueOnly: Bool
    let canTriage: Bool
    /// The filters as a query string (for the CSV export).
    let query: String
    /// "51–100 dari 20.000", empty for an empty list.
    let shown: String
    /// Addresses of the neighbouring pages, when there are any.
    let previousPage: String?
    let nextPage: String?

    /// From the row's columns alone: the case's full record is not decoded for a line of the list.
    static func row(_ model: CaseModel, today: LocalDate) -> Row {
        let status = CaseStatus(rawValue: model.status), due = model.dueOn.flatMap(LocalDate.init(iso8601:))
        return Row(id: model.id!.uuidString.lowercased(), number: model.number, asn: model.asnName ?? "(belum dikenali)",
                   status: status?.title ?? model.status,
                   behaviours: model.behaviours.split(separator: ",").compactMap { Behaviour(rawValue: String($0))?.title }.joined(separator: "; "),
                   dueOn: due?.indonesianLong ?? "—", overdue: status?.isOverdue(dueOn: due, on: today) ?? false)
    }
}

struct CaseDetailPage: Encodable {
    struct Event: Encodable {
        let at: String
        let who: String
        let what: String
    }
    struct Note: Encodable {
        let author: String
        let visibility: String
        let body: String
        let at: String
    }
    struct FileItem: Encodable {
        let sha256: String
        let name: String
        let visibility: String
        let author: String
    }
    struct PenaltyGroup: Encodable {
        let title: String
        let recommended: Bool
        let options: [TriageDetailPage.Option]
    }

    /// Everything the case page shows, as the controller gathered it.
    struct Facts {
        var id: UUID
        var number: String
        var asnName: String?
        var asnNIP: String?
        var reportID: UUID?
        var state: Case
        var today: LocalDate
        var zone: RegionTimeZone
        var audit: [AuditRecord]
        var notes: [CaseNoteModel]
        var files: [CaseFileModel]
        var letters: [LetterModel]
        var handling: CaseHandling
        var viewerUnitID: UUID?
        var viewerNIP: String?
        /// Whether the viewer handles the case now, and the steps their role may take on it.
        var mayHandle: Bool
        var permittedActions: [String]
        var allowedSanctions: Set<SanctionLevel>
        var examinationWindow: ClosedRange<LocalDate>
        var examinationRows: Int
        var report: OriginalReport?
        var subjectChoice: SubjectChoice?
        var error: String?
        /// What the viewer sent in a form that was refused, shown again so nothing typed is lost.
        var draft: [String: String] = [:]
    }

    /// The case page from its facts: what each step recorded in words, the forms the viewer may use now, and the
    /// safe starting points of those forms (nobody chosen, no sanction chosen beyond what the recommendation says).
    static func make(_ facts: Facts) -> CaseDetailPage {
        let value = facts.state, zone = facts.zone
        let id = facts.id.uuidString.lowercased()
        let timeline = facts.audit.map {
            let entry = CaseTimeline.entry(action: $0.action, actor: $0.actor, details: $0.details)
            return Event(at: AuditLog.date(of: $0.at)?.indonesianDateTime(in: zone) ?? $0.at, who: entry.who, what: entry.what)
        }
        let handovers = facts.handling.handovers.map { move in
            "\(move.at.indonesianDateTime(in: zone)): \(move.missedOn.map { "tenggat \($0.indonesianLong) terlewati, " } ?? "")dialihkan dari \(move.from) kepada \(move.to)"
        }
        let takenOver = facts.mayHandle ? nil : facts.handling.handovers.last { $0.fromUnitID != nil && $0.fromUnitID == facts.viewerUnitID }.map { move in
            "Kasus ini telah diambil alih oleh \(facts.handling.handler) karena \(move.missedOn.map { "tenggat \($0.indonesianLong)" } ?? "tenggat") terlewati. Anda tidak lagi menanganinya; riwayatnya tetap dapat Anda lihat."
        }
        return CaseDetailPage(
            id: id, number: facts.number, status: value.status.title, statusCode: value.status.rawValue,
            asnName: facts.asnName, asnNIP: facts.asnNIP, behaviours: value.behaviours.map(\.title), openedOn: value.openedOn.indonesianLong,
            dueOn: value.dueOn?.indonesianLong, overdue: value.isOverdue(on: facts.today),
            summons: value.summons.map { summons in
                let hour = summons.time.map { " pukul \($0.indonesian) \(zone.abbreviation)" } ?? ""
                let examiner = summons.examiner.map { ", menghadap \($0.name) (\($0.position))" } ?? ""
                return "Diperiksa \(summons.examinationOn.indonesianWeekday), \(summons.examinationOn.indonesianLong)\(hour) di \(summons.place)\(examiner) — panggilan \(summons.number == 2 ? "kedua" : "pertama") \(summons.servedOn.indonesianLong)"
            },
            examination: value.examination.map { "\($0.heldOn.indonesianLong): \($0.minutes)" },
            recommendation: value.recommendation.map { "\($0.level.title): \($0.reasoning)" },
            decision: value.decision.map { decision in
                "\(decision.level.title)\(decision.penalty.map { " berupa \($0.title)" } ?? ""), Keputusan Nomor \(decision.decreeNumber) tanggal \(decision.decidedOn.indonesianLong), ditandatangani \(decision.signer)"
            },
            dismissal: value.dismissalReason, timeline: timeline, handler: value.status.isOpen ? facts.handling.handler : nil, handovers: handovers,
            takenOver: takenOver,
            notes: facts.notes.map {
                Note(author: $0.authorName, visibility: $0.visibility == "personal" ? "pribadi" : "tim", body: $0.body,
                     at: LocalDate(timestamp: $0.createdAt, in: zone).indonesianLong)
            },
            files: facts.files.map {
                FileItem(sha256: $0.sha256, name: $0.fileName,
                         visibility: ["team": "tim", "personal": "pribadi", "reporter": "dibagikan ke pelapor"][$0.visibility] ?? $0.visibility, author: $0.authorName)
            },
            letters: facts.letters.map {
                Letter(id: $0.id!.uuidString.lowercased(), title: $0.name, number: $0.number, issuedOn: LocalDate(iso8601: $0.issuedOn)?.indonesianLong ?? $0.issuedOn)
            },
            // No summons or examination of nobody: those steps wait until the ASN is set.
            actions: facts.permittedActions.filter { facts.asnNIP != nil || !["summon", "examine"].contains($0) },
            secondSummons: value.status == .summoned,
            examinerNIP: value.summons?.examiner?.nip ?? facts.viewerNIP,
            examinationRows: (1...max(facts.examinationRows, 1)).map {
                ExchangeRow(number: $0, question: facts.draft["pertanyaan_\($0)"] ?? "", answer: facts.draft["jawaban_\($0)"] ?? "")
            },
            draft: facts.draft,
            // A recommendation starts from no level at all, among the sanctions a PPK imposes (a suspected crime goes to Gakkumdu).
            sanctionOptions: facts.allowedSanctions.filter { !Penalty.choices(for: [$0]).isEmpty }.sorted()
                .map { .init(value: $0.rawValue, title: $0.title, suggested: false) },
            penaltyGroups: penaltyGroups(allowed: facts.allowedSanctions, recommended: value.recommendation?.level),
            recommendedSanction: value.recommendation?.level.title, report: facts.report, subjectChoice: facts.subjectChoice,
            examinationWindow: DateWindow(facts.examinationWindow), error: facts.error, reportID: facts.reportID?.uuidString.lowercased())
    }

    /// The decision form starts from the recommendation: its level's penalties come first. Nothing is chosen for
    /// the PPK, not even a level's only penalty (a recommended dismissal is still the PPK's own choice).
    static func penaltyGroups(allowed: Set<SanctionLevel>, recommended: SanctionLevel?) -> [PenaltyGroup] {
        let levels = allowed.sorted { a, b in (a == recommended ? 0 : 1, a) < (b == recommended ? 0 : 1, b) }
        return levels.compactMap { level in
            let penalties = Penalty.choices(for: [level])
            guard !penalties.isEmpty else { return nil }
            let isRecommended = level == recommended
            return PenaltyGroup(title: isRecommended ? "\(level.title) — sesuai rekomendasi" : level.title, recommended: isRecommended,
                                options: penalties.map { .init(value: $0.rawValue, title: $0.title, suggested: false) })
        }
    }

    struct Letter: Encodable {
        let id: String
        let title: String
        let number: String
        let issuedOn: String
    }
    let id: String
    let number: String
    let status: String
    let statusCode: String
    let asnName: String?
    let asnNIP: String?
    let behaviours: [String]
    let openedOn: String
    let dueOn: String?
    let overdue: Bool
    let summons: String?
    let examination: String?
    let recommendation: String?
    let decision: String?
    let dismissal: String?
    let timeline: [Event]
    /// Who holds the case while it is open ("Kepala Dinas Pendidikan"), and each move after a missed deadline.
    let handler: String?
    let handovers: [String]
    /// For a head the case was taken from: that it was, and by whom.
    let takenOver: String?
    let notes: [Note]
    let files: [FileItem]
    let letters: [Letter]
    let actions: [String]
    /// The summons form, when shown while the case is summoned, is the second summons.
    let secondSummons: Bool
    /// The examiner the summons form starts with: the one of the first summons, or the viewer.
    let examinerNIP: String?
    /// The examination form's question rows (five open, the rest folded away), with what was typed in a refused form.
    let examinationRows: [ExchangeRow]
    /// The fields of a refused form, by name, to fill the form again.
    let draft: [String: String]

    struct ExchangeRow: Encodable {
        let number: Int
        let question: String
        let answer: String
    }
    let sanctionOptions: [TriageDetailPage.Option]
    /// The decision's penalties by level, the recommended level first.
    let penaltyGroups: [PenaltyGroup]
    /// The level recommended, which the decision form starts from.
    let recommendedSanction: String?
    /// The report the case came from, with its evidence (staff copies).
    let report: OriginalReport?
    /// For the BKPSDM team before the summons: the people the case may be about, to set or correct its ASN.
    let subjectChoice: SubjectChoice?
    /// The days an examination summoned today may fall on, for the summons form.
    let examinationWindow: DateWindow

    struct DateWindow: Encodable {
        /// ISO dates, for the date picker's bounds.
        let from: String
        let until: String
        /// "Senin, 21 Oktober 2024 sampai dengan Rabu, 6 November 2024".
        let text: String

        init(_ range: ClosedRange<LocalDate>) {
            from = range.lowerBound.iso8601
            until = range.upperBound.iso8601
            text = "\(range.lowerBound.indonesianWeekday), \(range.lowerBound.indonesianLong) sampai dengan \(range.upperBound.indonesianWeekday), \(range.upperBound.indonesianLong)"
        }
    }
    let error: String?
    let reportID: String?
}
