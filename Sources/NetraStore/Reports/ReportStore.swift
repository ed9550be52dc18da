import FluentKit
import Foundation
import NetraCore

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

        public var description: String {
            switch self {
            case .tooManyPixels(let name, let size):
                "Gambar \(name) menyatakan ukuran \(size.width) × \(size.height) piksel, terlalu besar untuk dibuka dengan aman; kirim foto dengan resolusi lebih kecil."
            case .tooLarge(let name, let limit): "Berkas \(name) melebihi \(limit) MB."
            case .unrecognized(let name): "Berkas \(name) bukan foto, PDF, video atau rekaman suara yang dikenali."
            }
        }
    }

    /// An upload accepted as evidence: its type is read from its content, never from its name; the name
    /// is kept without any folder part and at most 200 characters.
    public static func accept(name rawName: String, bytes: [UInt8], maxBytes: Int) -> Result<EvidenceFile, Rejection> {
        let name = String((rawName.split(separator: "/").last.map(String.init) ?? "bukti").prefix(200))
        guard bytes.count <= maxBytes else { return .failure(.tooLarge(name: name, limitMB: maxBytes / 1_048_576)) }
        guard let type = EvidenceType.sniff(bytes) else { return .failure(.unrecognized(name: name)) }
        if let size = ImageSize.read(bytes, type: type), size.pixels > ImageSize.maxPixels { return .failure(.tooManyPixels(name: name, size: size)) }
        return .success(EvidenceFile(name: name, bytes: bytes, type: type))
    }
}

/// What a reporter sees with their receipt and secret.
public struct ReportStatusView: Codable, Sendable, Equatable {
    public struct Message: Codable, Sendable, Equatable {
        public let from: String
        public let body: String
        public let at: String
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

public enum ReportStore {
    public enum Source: String, Sendable { case publicForm = "public", api, bawaslu, screening, match }

    /// Stores the report, its evidence and an audit record; returns only once all of it is committed.
    public static func submit(_ submission: ReportSubmission, files: [EvidenceFile], source: Source, reference: String? = nil,
                              suggested: [Behaviour], vault: EvidenceVault, at date: Date,
                              random: inout some RandomNumberGenerator, on database: any Database) async throws -> ReportReceipt {
        // Files first: they are content-addressed, so a failed transaction leaves only harmless orphans.
        let hashes = try files.map { try vault.store($0.bytes) }
        let receipt = ReceiptCode.generate(using: &random)
        let secret = ReporterSecret.generate(using: &random)
        let reportID = UUID()
        let receivedAt = date.timeIntervalSince1970
        try await database.transaction { db in
            let report = ReportModel()
            report.id = reportID
            report.receipt = receipt.digits
            report.secretHash = ReporterSecret.hash(secret)
            report.source = source.rawValue
            report.reference = reference
            report.description = submission.description
            report.occurredOn = submission.occurredOn?.iso8601
            report.location = submission.location
            report.asnName = submission.asnName
            report.asnNIP = submission.asnNIP
            report.unitText = submission.unit
            report.links = String(decoding: try JSONEncoder().encode(submission.links), as: UTF8.self)
            report.reporterName = submission.reporterName
            report.reporterContact = submission.reporterContact
            report.status = ReportState.received.rawValue
            report.suggestedBehaviours = suggested.map(\.rawValue).joined(separator: ",")
            report.receivedAt = receivedAt
            try await report.create(on: db)
            for (file, hash) in zip(files, hashes) {
                try await EvidenceModel(reportID: reportID, file: file, sha256: hash, at: receivedAt, by: "pelapor").create(on: db)
            }
            try await AuditLog.append(actor: source == .bawaslu ? "bawaslu" : "pelapor", action: "report.received",
                                      subject: "report:\(reportID.uuidString.lowercased())",
                                      details: ["source": source.rawValue, "evidence": hashes.joined(separator: ",")], at: date, on: db)
        }
        return ReportReceipt(receipt: receipt.grouped, secret: secret, receivedAt: AuditLog.timestamp(date), evidence: hashes)
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

    /// The reporter answers the team or adds evidence later.
    public static func addFromReporter(_ report: ReportModel, message: String?, files: [EvidenceFile], vault: EvidenceVault, at date: Date,
                                       on database: any Database) async throws {
        let hashes = try files.map { try vault.store($0.bytes) }
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
            for (file, hash) in zip(files, hashes) {
                try await EvidenceModel(reportID: report.id!, file: file, sha256: hash, at: date.timeIntervalSince1970, by: "pelapor").create(on: db)
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
                                  caseNumber: model?.number, caseStatus: model?.status, asnName: model?.asnName ?? report.asnName)
        }
        return rows
    }
}
