import FluentKit
import Foundation
import NetraCore

/// A neutrality pledge: signed online by the ASN, or recorded by a supervisor from a signed paper.
public final class PledgeModel: Model, @unchecked Sendable {
    public static let schema = "pledges"

    @ID(key: .id) public var id: UUID?
    @Field(key: "asn_nip") public var asnNIP: String
    @Field(key: "election_code") public var electionCode: String
    /// "online" or "paper".
    @Field(key: "method") public var method: String
    @Field(key: "text_version") public var textVersion: String
    @Field(key: "text_sha256") public var textSHA256: String
    /// The scan of a paper pledge in the evidence vault.
    @OptionalField(key: "scan_sha256") public var scanSHA256: String?
    @Field(key: "signed_at") public var signedAt: Double
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

public enum PledgeStore {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownASN(String)
        case unknownElection(String)
        case alreadyPledged(nip: String, election: String)

        public var description: String {
            switch self {
            case .unknownASN(let nip): "NIP \(nip) tidak terdaftar."
            case .unknownElection(let code): "Pemilihan \(code) tidak dikenal."
            case .alreadyPledged(let nip, let election): "ASN dengan NIP \(nip) sudah berikrar untuk \(election)."
            }
        }
    }

    /// The text a person signs for an election, and its hash.
    public static func text(for person: ASNModel, election: ElectionModel, version: PledgeText = .current) -> (text: String, sha256: String) {
        let text = version.rendered(name: person.name, nip: person.nip, election: election.name)
        return (text, PledgeText.sha256(of: text))
    }

    /// Records a pledge, online (`scan` nil) or from paper (the scan already in the vault). One per ASN per election.
    public static func record(nip: String, electionCode: String, scanSHA256: String?, by actor: String, at date: Date,
                              on database: any Database) async throws -> PledgeModel {
        try await database.transaction { db in
            guard let person = try await ASNModel.query(on: db).filter(\.$nip == nip).first() else { throw Problem.unknownASN(nip) }
            guard let election = try await ElectionModel.find(electionCode, on: db) else { throw Problem.unknownElection(electionCode) }
            guard try await PledgeModel.query(on: db).filter(\.$asnNIP == nip).filter(\.$electionCode == electionCode).first() == nil else {
                throw Problem.alreadyPledged(nip: nip, election: election.name)
            }
            let signed = text(for: person, election: election)
            let pledge = PledgeModel()
            pledge.asnNIP = nip
            pledge.electionCode = electionCode
            pledge.method = scanSHA256 == nil ? "online" : "paper"
            pledge.textVersion = PledgeText.current.version
            pledge.textSHA256 = signed.sha256
            pledge.scanSHA256 = scanSHA256
            pledge.signedAt = date.timeIntervalSince1970
            pledge.recordedBy = actor
            try await pledge.create(on: db)
            try await AuditLog.append(actor: actor, action: "pledge.recorded", subject: "asn:\(nip)",
                                      details: ["election": electionCode, "method": pledge.method, "text_sha256": signed.sha256,
                                                "scan": scanSHA256 ?? ""], at: date, on: db)
            return pledge
        }
    }

    public static func pledges(of nip: String, on database: any Database) async throws -> [PledgeModel] {
        try await PledgeModel.query(on: database).filter(\.$asnNIP == nip).sort(\.$electionCode).all()
    }

    public static func elections(on database: any Database) async throws -> [ElectionModel] {
        try await ElectionModel.query(on: database).sort(\.$id).all()
    }
}
