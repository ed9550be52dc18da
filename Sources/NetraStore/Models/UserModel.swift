import FluentKit
import Foundation
import NetraCore

/// A person who signs in. Supervisors are scoped to the subtree of `unitID`.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "role") public var role: String
    @OptionalField(key: "unit_id") public var unitID: UUID?
    @OptionalField(key: "asn_nip") public var asnNIP: String?
    /// Where notifications are e-mailed; nil keeps them in Netra only.
    @OptionalField(key: "email") public var email: String?
    @Field(key: "active") public var active: Bool
    @Field(key: "must_change_password") public var mustChangePassword: Bool

    public init() {}

    public init(username: String, passwordHash: String, displayName: String, role: Role, unitID: UUID? = nil, asnNIP: String? = nil) {
        self.username = username
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.role = role.rawValue
        self.unitID = unitID
        self.asnNIP = asnNIP
        self.active = true
        self.mustChangePassword = false
    }

    public var userRole: Role? { Role(rawValue: role) }
}

/// An election held in the region (Pilkada 2024: bupati and gubernur on one day).
public final class ElectionModel: Model, @unchecked Sendable {
    public static let schema = "elections"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "voting_date") public var votingDate: String
    @Field(key: "region_code") public var regionCode: String
    /// "pilkada" or "pemilu".
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "office") public var office: String?
    /// The KPU timetable (JSON of an election calendar); nil for elections recorded before timetables were kept.
    @OptionalField(key: "timetable") public var timetable: String?
    /// The pairs (JSON, in the region files' form).
    @OptionalField(key: "pairs") public var pairs: String?

    public init() {}

    public init(code: String, name: String, votingDate: String, regionCode: String, kind: String = "pilkada") {
        self.kind = kind
        self.id = code
        self.name = name
        self.votingDate = votingDate
        self.regionCode = regionCode
    }
}

/// A signed-in session. Only the SHA-256 of its id is stored; the id itself lives in the browser's cookie.
public final class SessionModel: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(custom: "id_hash", generatedBy: .user) public var id: String?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "csrf") public var csrf: String
    @Field(key: "created_at") public var createdAt: Double
    @Field(key: "last_seen_at") public var lastSeenAt: Double
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "agent") public var agent: String?

    public init() {}
}
