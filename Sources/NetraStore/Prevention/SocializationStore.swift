import FluentKit
import Foundation
import NetraCore

/// A socialization on ASN neutrality (by BKPSDM, Bawaslu, KPU or a perangkat daerah).
public final class SocializationEventModel: Model, @unchecked Sendable {
    public static let schema = "socialization_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "place") public var place: String
    @Field(key: "organizer") public var organizer: String
    @Field(key: "created_by") public var createdBy: String
    /// The account that recorded it; nil for events recorded before accounts were kept (the admin's alone).
    @OptionalField(key: "creator_id") public var creatorID: UUID?
    @Field(key: "created_at") public var createdAt: Double

    public init() {}

    /// Only the account that recorded the event, or the admin, lists its attendees.
    public func mayAddAttendees(userID: UUID, isAdmin: Bool) -> Bool {
        isAdmin || creatorID == userID
    }
}

public final class SocializationAttendanceModel: Model, @unchecked Sendable {
    public static let schema = "socialization_attendance"

    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    @Field(key: "asn_nip") public var asnNIP: String

    public init() {}
}

public enum SocializationStore {
    /// What became of a list of attendees' NIPs.
    public struct AttendeeReport: Sendable, Equatable {
        public var added = 0
        public var alreadyListed = 0
        /// Entries (as written) that are no registered ASN the recorder may see.
        public var unknown: [String] = []

        public init() {}
    }

    public static func create(title: String, heldOn: LocalDate, place: String, organizer: String, by actor: String, creatorID: UUID, at date: Date,
                              on database: any Database) async throws -> SocializationEventModel {
        let event = SocializationEventModel()
        event.title = title
        event.heldOn = heldOn.iso8601
        event.place = place
        event.organizer = organizer
        event.createdBy = actor
        event.creatorID = creatorID
        event.createdAt = date.timeIntervalSince1970
        try await database.transaction { db in
            try await event.create(on: db)
            try await AuditLog.append(actor: actor, action: "socialization.created", subject: "socialization:\(event.id!.uuidString.lowercased())",
                                      details: ["title": title, "held_on": heldOn.iso8601, "organizer": organizer], at: date, on: db)
        }
        return event
    }

    /// The NIPs in free text: one per line, or separated by commas, semicolons or spaces (a pasted list or
    /// a CSV column). Layout inside a NIP ("19800101 200501 1 001") is kept together when a line holds one NIP.
    public static func nips(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { line -> [String] in
            let compact = line.filter { $0.isNumber }
            if compact.count == 18 && line.allSatisfy({ $0.isNumber || $0 == " " || $0 == "." || $0 == "-" || $0 == "\t" || $0 == "\r" }) {
                return [compact]
            }
            return line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        }.filter { !$0.isEmpty && $0.lowercased() != "nip" }
    }

    /// Adds attendees by NIP within `scope`; unknown entries and those outside the scope are reported, not stored.
    public static func addAttendees(_ entries: [String], to eventID: UUID, scope: RegistryScope, by actor: String, at date: Date,
                                    on database: any Database) async throws -> AttendeeReport {
        try await database.transaction { db in
            var report = AttendeeReport()
            let existing = Set(try await SocializationAttendanceModel.query(on: db).filter(\.$eventID == eventID).all().map(\.asnNIP))
            var seen = existing
            for entry in entries {
                let nip = entry.filter(\.isNumber)
                guard try await RegistryQueries.detail(nip: nip, scope: scope, on: db) != nil else {
                    report.unknown.append(entry)
                    continue
                }
                guard seen.insert(nip).inserted else {
                    report.alreadyListed += 1
                    continue
                }
                let attendance = SocializationAttendanceModel()
                attendance.eventID = eventID
                attendance.asnNIP = nip
                try await attendance.create(on: db)
                report.added += 1
            }
            try await AuditLog.append(actor: actor, action: "socialization.attendees_added", subject: "socialization:\(eventID.uuidString.lowercased())",
                                      details: ["added": String(report.added), "unknown": String(report.unknown.count)], at: date, on: db)
            return report
        }
    }

    public static func events(on database: any Database) async throws -> [SocializationEventModel] {
        try await SocializationEventModel.query(on: database).sort(\.$heldOn, .descending).limit(200).all()
    }

    public static func attendees(of eventID: UUID, on database: any Database) async throws -> [SocializationAttendanceModel] {
        try await SocializationAttendanceModel.query(on: database).filter(\.$eventID == eventID).sort(\.$asnNIP).all()
    }
}
