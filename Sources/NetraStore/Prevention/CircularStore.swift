import FluentKit
import Foundation
import NetraCore

/// A circular (surat edaran) on neutrality, numbered in the regional letter scheme.
public final class CircularModel: Model, @unchecked Sendable {
    public static let schema = "circulars"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @Field(key: "issued_on") public var issuedOn: String
    @Field(key: "issued_by") public var issuedBy: String

    public init() {}
}

/// A unit head's acknowledgement of a circular for their unit; it forwards the circular to the units below.
public final class CircularAcknowledgementModel: Model, @unchecked Sendable {
    public static let schema = "circular_acknowledgements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "circular_id") public var circularID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "acknowledged_by") public var acknowledgedBy: String
    @Field(key: "acknowledged_at") public var acknowledgedAt: Double

    public init() {}
}

public enum CircularStore {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notFound
        case notReceivedYet
        case alreadyAcknowledged
        case noLetterhead

        public var description: String {
            switch self {
            case .noLetterhead: CaseStore.Problem.noLetterhead.description
            case .notFound: "Surat edaran tidak ditemukan."
            case .notReceivedYet: "Surat edaran belum diteruskan oleh atasan unit Anda."
            case .alreadyAcknowledged: "Unit Anda sudah menerima dan meneruskan surat edaran ini."
            }
        }
    }

    /// Issues a circular with the next number of the regional letter sequence (the same, gapless, as case letters).
    public static func issue(title: String, body: String, on day: LocalDate, by actor: String, at date: Date,
                             on database: any Database) async throws -> CircularModel {
        try await database.transaction { db in
            guard let letterhead = try await LetterheadStore.current(on: db) else { throw Problem.noLetterhead }
            let sequence = try await Counters.next("letters-\(day.year)", on: db)
            let circular = CircularModel()
            circular.number = letterhead.numbering.number(sequence: sequence, year: day.year)
            circular.title = title
            circular.body = body
            circular.issuedOn = day.iso8601
            circular.issuedBy = actor
            try await circular.create(on: db)
            try await AuditLog.append(actor: actor, action: "circular.issued", subject: "circular:\(circular.id!.uuidString.lowercased())",
                                      details: ["number": circular.number, "title": title], at: date, on: db)
            return circular
        }
    }

    /// Every unit's status for a circular.
    public static func statuses(of circularID: UUID, units: [UnitModel], on database: any Database) async throws -> [UUID: CircularStatus] {
        let acknowledged = Set(try await CircularAcknowledgementModel.query(on: database).filter(\.$circularID == circularID).all().map(\.unitID))
        return CircularDistribution.statuses(parents: Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.parentID) }), acknowledged: acknowledged)
    }

    /// The head of `unitID` acknowledges, which forwards the circular to the units below.
    public static func acknowledge(_ circularID: UUID, unitID: UUID, by actor: String, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            guard try await CircularModel.find(circularID, on: db) != nil, let unit = try await UnitModel.find(unitID, on: db) else { throw Problem.notFound }
            let acknowledged = try await CircularAcknowledgementModel.query(on: db).filter(\.$circularID == circularID).all().map(\.unitID)
            if acknowledged.contains(unitID) { throw Problem.alreadyAcknowledged }
            if let parent = unit.parentID, !acknowledged.contains(parent) { throw Problem.notReceivedYet }
            let acknowledgement = CircularAcknowledgementModel()
            acknowledgement.circularID = circularID
            acknowledgement.unitID = unitID
            acknowledgement.acknowledgedBy = actor
            acknowledgement.acknowledgedAt = date.timeIntervalSince1970
            try await acknowledgement.create(on: db)
            try await AuditLog.append(actor: actor, action: "circular.acknowledged", subject: "circular:\(circularID.uuidString.lowercased())",
                                      details: ["unit": unit.name], at: date, on: db)
        }
    }
}
