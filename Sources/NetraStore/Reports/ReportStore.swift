import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A file that came with a report, already checked.
public struct EvidenceFile: Sendable, Equatable {
    public let name: String
    public let bytes: [UInt8]
    public let type: EvidenceType

    public init(name: String, bytes: [UInt8], type: EvidenceType) {
        self.name = name
        self.bytes = bytes
        self.type = type
    }
}

extension EvidenceFile {
    /// Why an uploaded file was not accepted, in words for the person who sent it.
    public enum Rejection: Error, Equatable, Sendable, CustomStringConvertible {
        case tooLarge(name: String, limitMB: Int)
        case unrecognized(name: String)
        case tooManyPixels(name: String, size: ImageSize)
        case malformed(name: String, type: EvidenceType)

        public var description: String {
            switch self {
            case .tooManyPixels(let name, let size):
                "Gambar \(name) menyatakan ukuran \(size.width) × \(size.height) piksel, terlalu besar untuk dibuka dengan aman; kirim foto dengan resolusi lebih kecil."
            case .tooLarge(let name, let limit): "Berkas \(name) melebihi \(limit) MB."
            case .unrecognized(let name): "Berkas \(name) bukan foto, PDF, video atau rekaman suara yang dikenali."
            case .malformed(let name, let type):
                "Berkas \(name) diawali seperti berkas \(type.fileExtension.uppercased()), tetapi isinya rusak atau bukan berkas itu; kirim berkas aslinya."
            }
        }
    }

    /// An upload accepted as evidence: its type is read from its content, never from its name, and its
    /// container walked to the end; the name is kept without any folder part (either slash), without control
    /// characters, and at most 200 characters.
    public static func accept(name rawName: String, bytes: [UInt8], maxBytes: Int) -> Result<EvidenceFile, Rejection> {
        let lastPart = rawName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(lastPart.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }).trimmingCharacters(in: .whitespaces)
        let name = String((printable.isEmpty || printable == "." || printable == ".." ? "bukti" : printable).prefix(200))
        guard bytes.count <= maxBytes else { return .failure(.tooLarge(name: name, limitMB: maxBytes / 1_048_576)) }
        guard let type = EvidenceType.sniff(bytes) else { return .failure(.unrecognized(name: name)) }
        if let size = ImageSize.read(bytes, type: type), size.pixels > ImageSize.maxPixels { return .failure(.tooManyPixels(name: name, size: size)) }
        guard type.isWellFormed(bytes) else { return .failure(.malformed(name: name, type: type)) }
        return .success(EvidenceFile(name: name, bytes: bytes, type: type))
    }
}

/// What a reporter sees with their receipt and secret.
public struct ReportStatusView: Codable, Sendable, Equatable {
    public struct Message: Codable, Sendable, Equatable {
        public let from: String
        public let body: String
        public let at: String

        public init(from: String, body: String, at: String) {
            self.from = from
            self.body = body
            self.at = at
        }
    }

    public struct Evidence: Codable, Sendable, Equatable {
        public let sha256: String
        public let contentType: String
        public let size: Int
    }

    public let receipt: String
    public let status: String
    public let statusTitle: String
    public let receivedAt: String
    public let rejectionReason: String?
    /// Where the case opened from the report stands, in the words the reporter is given.
    public let caseStage: String?
    public let messages: [Message]
    public let evidence: [Evidence]
    /// Files the case team shared with the reporter.
    public let sharedFiles: [SharedFile]

    public struct SharedFile: Codable, Sendable, Equatable {
        public let sha256: String
        public let fileName: String
        public let contentType: String
    }
}

public struct ReportReceipt: Codable, Sendable, Equatable {
    public let receipt: String
    public let secret: String
    public let receivedAt: String
    public let evidence: [String]
}

/// A report ready to be written: its evidence files stored (content-addressed, so a failed transaction
/// leaves only harmless orphans), its receipt and secret drawn.
struct PreparedReport: Sendable {
    let submission: ReportSubmission
    /// The reporter's name and contact sealed with the evidence key: never in plain text in the database or its backups.
    let sealedReporterName: String?
    let sealedReporterContact: String?
    let files: [EvidenceFile]
    let hashes: [String]
    /// The copies without metadata, nil where the type has none Netra can remove.
    let cleanHashes: [String?]
    let source: ReportStore.Source
    let reference: String?
    let suggested: [Behaviour]
    let id = UUID()
    let code: ReceiptCode
    let secret: String
    let date: Date

    /// `stored` is what `ReportStore.store(_:in:)` gave for `files`.
    init(_ submission: ReportSubmission, files: [EvidenceFile], stored: ReportStore.StoredFiles, source: ReportStore.Source, reference: String?,
         suggested: [Behaviour], vault: EvidenceVault, at date: Date, random: inout some RandomNumberGenerator) throws {
        self.submission = submission
        sealedReporterName = try submission.reporterName.map { try vault.seal(text: $0) }
        sealedReporterContact = try submission.reporterContact.map { try vault.seal(text: $0) }
        self.files = files
        hashes = stored.hashes
        cleanHashes = stored.cleanHashes
        self.source = source
        self.reference = reference
        self.suggested = suggested
        code = ReceiptCode.generate(using: &random)
        secret = ReporterSecret.generate(using: &random)
        self.date = date
    }

    var receipt: ReportReceipt {
        ReportReceipt(receipt: code.grouped, secret: secret, receivedAt: AuditLog.timestamp(date), evidence: hashes)
    }
}

public enum ReportStore {
    public enum Source: String, Sendable, CaseIterable {
        case publicForm = "public", api, bawaslu, screening, match, supervision

        /// Where a report came from, as the triage pages say it.
        public var title: String {
            switch self {
            case .publicForm: "formulir publik"
            case .api: "aplikasi lain (API)"
            case .bawaslu: "rujukan Bawaslu"
            case .screening: "penyaringan media sosial"
            case .match: "pencocokan daftar dukungan"
            case .supervision: "laporan pengawasan"
            }
        }
    }

    /// The reporter's name and contact, opened with the evidence key (nil when the reporter left none).
    public static func reporterIdentity(of report: ReportModel, vault: EvidenceVault) throws -> (name: String?, contact: String?) {
        (try report.reporterName.map { try vault.open(text: $0) }, try report.reporterContact.map { try vault.open(text: $0) })
    }

    /// Seals every reporter identity still in plain text (stored before sealing began) or sealed with an
    /// earlier key, so that after an upgrade or a key rotation none is readable without the current key.
    /// Run at start; returns how many reports it changed.
    @discardableResult
    public static func sealReporterIdentities(vault: EvidenceVault, on database: any Database) async throws -> Int {
        // Only rows not yet sealed with the current key are loaded: a start reads none once all are sealed.
        let current = vault.currentSealPrefix + "%"
        let pending = try await ReportModel.query(on: database).group(.or) { group in
            group.group(.and) { $0.filter(\.$reporterName != nil).filter(\.$reporterName, .custom("NOT LIKE"), current) }
            group.group(.and) { $0.filter(\.$reporterContact != nil).filter(\.$reporterContact, .custom("NOT LIKE"), current) }
        }.all().filter { report in
            [report.reporterName, report.reporterContact].contains { $0.map { !vault.isSealedWithCurrentKey($0) } ?? false }
        }
        for report in pending {
            let identity = try reporterIdentity(of: report, vault: vault)
            report.reporterName = try identity.name.map { try vault.seal(text: $0) }
            report.reporterContact = try identity.contact.map { try vault.seal(text: $0) }
            try await report.update(on: database)
        }
        return pending.count
    }

    /// Stores the report, its evidence and an audit record; returns only once all of it is committed.
    public static func submit(_ submission: ReportSubmission, files: [EvidenceFile], source: Source, reference: String? = nil,
                              suggested: [Behaviour], vault: EvidenceVault, at date: Date,
                              random: inout some RandomNumberGenerator, on database: any Database) async throws -> ReportReceipt {
        let stored = try await store(files, in: vault)
        let report = try PreparedReport(submission, files: files, stored: stored, source: source, reference: reference, suggested: suggested,
                                        vault: vault, at: date, random: &random)
        try await database.transaction { try await insert(report, on: $0) }
        return report.receipt
    }

    /// Writes the report's rows and its audit record, inside the caller's transaction. With SQLKit rather
    /// than the Fluent models, whose reflection cost more than the rest of the write.
    static func insert(_ prepared: PreparedReport, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
        let submission = prepared.submission
        let receivedAt = prepared.date.timeIntervalSince1970
        try await sql.insert(into: ReportModel.schema)
            .columns("id", "receipt", "secret_hash", "source", "reference", "description", "occurred_on", "location", "asn_name", "asn_nip",
                     "unit_text", "links", "reporter_name", "reporter_contact", "notify_reporter", "status", "suggested_behaviours", "received_at")
            .values(SQLBind(prepared.id), SQLBind(prepared.code.digits), SQLBind(ReporterSecret.hash(prepared.secret)),
                    SQLBind(prepared.source.rawValue), SQLBind(prepared.reference), SQLBind(submission.description),
                    SQLBind(submission.occurredOn?.iso8601), SQLBind(submission.location), SQLBind(submission.asnName), SQLBind(submission.asnNIP),
                    SQLBind(submission.unit), SQLBind(String(decoding: try JSONEncoder().encode(submission.links), as: UTF8.self)),
                    SQLBind(prepared.sealedReporterName), SQLBind(prepared.sealedReporterContact), SQLBind(submission.notifyByEmail),
                    SQLBind(ReportState.received.rawValue),
                    SQLBind(prepared.suggested.map(\.rawValue).joined(separator: ",")), SQLBind(receivedAt))
            .run()
        for (index, file) in prepared.files.enumerated() {
            try await addEvidence(file, sha256: prepared.hashes[index], clean: prepared.cleanHashes[index], to: prepared.id, at: receivedAt, on: sql)
        }
        try await AuditLog.append(actor: prepared.source == .bawaslu ? "bawaslu" : "pelapor", action: "report.received",
                                  subject: "report:\(prepared.id.uuidString.lowercased())",
                                  details: ["source": prepared.source.rawValue, "evidence": prepared.hashes.joined(separator: ",")],
                                  at: prepared.date, on: db)
    }

    /// E-mails the reporter the status they now see, when they asked for it on the form. The address stays sealed.
    static func tellReporter(_ report: ReportModel, statusTitle: String, at date: Date, on db: any Database) async throws {
        guard report.notifyReporter, let sealed = report.reporterContact else { return }
        let receipt = ReceiptCode(report.receipt)?.grouped ?? report.receipt
        try await NotificationStore.postToReporter(.reportStatus(receipt: receipt, statusTitle: statusTitle, link: "/lapor/status"),
                                                   sealedAddress: sealed, at: date, on: db)
    }

    /// One evidence row from the reporter: the type read from the content, the name cut to 200 characters.
    private static func addEvidence(_ file: EvidenceFile, sha256: String, clean: String?, to reportID: UUID, at timestamp: Double,
                                    on sql: any SQLDatabase) async throws {
        try await sql.insert(into: EvidenceModel.schema)
            .columns("id", "report_id", "sha256", "content_type", "size", "file_name", "added_at", "added_by", "clean_sha256")
            .values(SQLBind(UUID()), SQLBind(reportID), SQLBind(sha256), SQLBind(file.type.rawValue), SQLBind(file.bytes.count),
                    SQLBind(String(file.name.prefix(200))), SQLBind(timestamp), SQLBind("pelapor"), SQLBind(clean))
            .run()
    }

    /// Stores the copy of `bytes` without metadata and returns its hash (the original's when nothing had to
    /// go); nil when the type has no metadata Netra can remove.
    static func storeCleanCopy(of bytes: [UInt8], type: EvidenceType, in vault: EvidenceVault) async throws -> String? {
        guard let clean = type.withoutMetadata(bytes) else { return nil }
        return clean == bytes ? EvidenceVault.sha256(bytes) : try await vault.store(clean)
    }

    /// A reporter's files as stored: each file's hash and that of its copy without metadata.
    struct StoredFiles: Sendable {
        var hashes: [String] = []
        var cleanHashes: [String?] = []
    }

    /// Stores a reporter's files and their copies without metadata, before the rows that name them are written.
    static func store(_ files: [EvidenceFile], in vault: EvidenceVault) async throws -> StoredFiles {
        var stored = StoredFiles()
        for file in files {
            stored.hashes.append(try await vault.store(file.bytes))
            stored.cleanHashes.append(try await storeCleanCopy(of: file.bytes, type: file.type, in: vault))
        }
        return stored
    }

    /// Makes the clean copies of reporter files stored before copies were made. Run at start; returns how many.
    @discardableResult
    public static func cleanStoredEvidence(vault: EvidenceVault, on database: any Database) async throws -> Int {
        let cleanable = EvidenceType.allCases.filter(\.hasRemovableMetadata)
        let pending = try await EvidenceModel.query(on: database).filter(\.$cleanSHA256 == nil)
            .filter(\.$contentType ~~ cleanable.map(\.rawValue)).all()
        for evidence in pending {
            guard let type = EvidenceType(rawValue: evidence.contentType),
                  let clean = try await storeCleanCopy(of: try await vault.read(evidence.sha256), type: type, in: vault) else { continue }
            evidence.cleanSHA256 = clean
            try await evidence.update(on: database)
        }
        return pending.count
    }

    /// The hash of the file staff are given for a reporter's file: its copy without metadata where there is one.
    public static func staffCopy(of evidence: EvidenceModel) -> String {
        evidence.cleanSHA256 ?? evidence.sha256
    }

    /// The report for a receipt and secret, or nil when either is wrong (the caller cannot tell which).
    public static func find(receipt: String, secret: String, on database: any Database) async throws -> ReportModel? {
        guard let code = ReceiptCode(receipt),
              let report = try await ReportModel.query(on: database).filter(\.$receipt == code.digits).first() else { return nil }
        let given = Array(ReporterSecret.hash(secret).utf8), stored = Array(report.secretHash.utf8)
        guard given.count == stored.count, zip(given, stored).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return report
    }

    public static func statusView(of report: ReportModel, on database: any Database) async throws -> ReportStatusView {
        let messages = try await ReportMessageModel.query(on: database).filter(\.$reportID == report.id!)
            .filter(\.$visibility == "reporter").sort(\.$createdAt).all()
        let evidence = try await EvidenceModel.query(on: database).filter(\.$reportID == report.id!).sort(\.$addedAt).all()
        let state = ReportState(rawValue: report.status) ?? .received
        let caseModel = state == .caseOpened ? try await CaseModel.query(on: database).filter(\.$reportID == report.id!).first() : nil
        let caseStage = caseModel.flatMap { model in
            CaseStatus(rawValue: model.status).map { $0.reporterTitle(sanctioned: model.sanctionLevel != nil) }
        }
        return ReportStatusView(
            receipt: ReceiptCode(report.receipt)?.grouped ?? report.receipt, status: state.rawValue, statusTitle: state.title,
            receivedAt: AuditLog.timestamp(Date(timeIntervalSince1970: report.receivedAt)), rejectionReason: report.rejectionReason,
            caseStage: caseStage,
            messages: messages.map { .init(from: $0.author == "pelapor" ? "Anda" : "Tim Netralitas", body: $0.body,
                                           at: AuditLog.timestamp(Date(timeIntervalSince1970: $0.createdAt))) },
            evidence: evidence.map { .init(sha256: $0.sha256, contentType: $0.contentType, size: $0.size) },
            sharedFiles: try await CaseStore.reporterFiles(reportID: report.id!, on: database)
                .map { .init(sha256: $0.sha256, fileName: $0.fileName, contentType: $0.contentType) }
        )
    }

    /// One stage of the report as its reporter sees it, and when it was reached.
    public struct ReporterStep: Sendable, Equatable {
        public let title: String
        public let at: Date
    }

    /// The report's way so far, in the reporter's words: received, verified or declined, then each change of the
    /// case that the reporter's status would show (inner steps such as the summons are not told apart), read from
    /// the audit chain.
    public static func reporterSteps(of report: ReportModel, on database: any Database) async throws -> [ReporterStep] {
        var steps = [ReporterStep(title: "Laporan diterima", at: Date(timeIntervalSince1970: report.receivedAt))]
        let own = try await AuditLog.records(subject: "report:\(report.id!.uuidString.lowercased())", on: database)
        if let declined = own.first(where: { $0.action == "report.rejected" }), let at = AuditLog.date(of: declined.at) {
            steps.append(ReporterStep(title: ReportState.rejected.title, at: at))
        }
        guard let model = try await CaseModel.query(on: database).filter(\.$reportID == report.id!).first() else { return steps }
        for record in try await AuditLog.records(subject: CaseStore.subject(model), on: database) {
            guard let at = AuditLog.date(of: record.at) else { continue }
            let title: String?
            if record.action == "case.opened" {
                title = ReportState.caseOpened.title
            } else {
                let details = (try? JSONDecoder().decode([String: String].self, from: Data(record.details.utf8))) ?? [:]
                title = details["to"].flatMap(CaseStatus.init(rawValue:))?.reporterTitle(sanctioned: model.sanctionLevel != nil)
            }
            if let title, title != steps.last?.title, !(record.action == "case.opened" && steps.contains { $0.title == title }) {
                steps.append(ReporterStep(title: title, at: at))
            }
        }
        return steps
    }

    /// The reporter answers the team or adds evidence later.
    public static func addFromReporter(_ report: ReportModel, message: String?, files: [EvidenceFile], vault: EvidenceVault, at date: Date,
                                       on database: any Database) async throws {
        let stored = try await store(files, in: vault)
        let hashes = stored.hashes, cleanHashes = stored.cleanHashes
        try await database.transaction { db in
            if let message, !message.isEmpty {
                let model = ReportMessageModel()
                model.reportID = report.id!
                model.author = "pelapor"
                model.visibility = "reporter"
                model.body = message
                model.createdAt = date.timeIntervalSince1970
                try await model.create(on: db)
            }
            guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
            for (index, file) in files.enumerated() {
                try await addEvidence(file, sha256: hashes[index], clean: cleanHashes[index], to: report.id!, at: date.timeIntervalSince1970, on: sql)
            }
            try await AuditLog.append(actor: "pelapor", action: "report.reporter_added", subject: "report:\(report.id!.uuidString.lowercased())",
                                      details: ["message": message == nil ? "tidak" : "ya", "evidence": hashes.joined(separator: ",")],
                                      at: date, on: db)
        }
    }
}

/// Where a report stands before it becomes a case.
public enum ReportState: String, Sendable, Codable {
    case received
    case rejected
    case caseOpened = "case_opened"

    public var title: String {
        switch self {
        case .received: "Diterima, menunggu verifikasi"
        case .rejected: "Tidak ditindaklanjuti"
        case .caseOpened: "Ditindaklanjuti sebagai kasus"
        }
    }
}

extension ReportStore {
    /// A referral and what became of it, for Bawaslu's follow-up list.
    public struct ReferralStatus: Codable, Sendable {
        public let reference: String
        public let receivedAt: Double
        public let reportStatus: String
        public let caseNumber: String?
        public let caseStatus: String?
        /// The case's next deadline while it is open.
        public let caseDueOn: String?
        public let asnName: String?
    }

    public static func referrals(source: Source, on database: any Database) async throws -> [ReferralStatus] {
        let reports = try await ReportModel.query(on: database).filter(\.$source == source.rawValue).sort(\.$receivedAt, .descending).all()
        // One query for all their cases, not one per referral.
        let cases = Dictionary(try await CaseModel.query(on: database).filter(\.$reportID ~~ reports.compactMap(\.id)).all()
            .compactMap { model in model.reportID.map { ($0, model) } }, uniquingKeysWith: { first, _ in first })
        let rows = reports.map { report in
            let model = cases[report.id!]
            return ReferralStatus(reference: report.reference ?? "—", receivedAt: report.receivedAt, reportStatus: report.status,
                                  caseNumber: model?.number, caseStatus: model?.status, caseDueOn: model?.dueOn,
                                  asnName: model?.asnName ?? report.asnName)
        }
        return rows
    }
}
