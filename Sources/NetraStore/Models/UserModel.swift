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
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Double?
    @Field(key: "active") public var active: Bool
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    /// Raised whenever the account's sessions must end (disabled, password reset or changed).
    @Field(key: "session_version") public var sessionVersion: Int

    public init() {}

    public init(username: String, passwordHash: String, displayName: String, role: Role, unitID: UUID? = nil, asnNIP: String? = nil) {
        self.username = username
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.role = role.rawValue
        self.unitID = unitID
        self.asnNIP = asnNIP
        self.failedLogins = 0
        self.active = true
        self.mustChangePassword = false
        self.sessionVersion = 0
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
