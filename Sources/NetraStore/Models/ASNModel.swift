import FluentKit
import Foundation
import NetraCore

/// A civil servant in the registry. Dates are stored as ISO text so SQLite and PostgreSQL agree.
public final class ASNModel: Model, @unchecked Sendable {
    public static let schema = "asn"

    @ID(key: .id) public var id: UUID?
    @Field(key: "nip") public var nip: String
    @Field(key: "nik") public var nik: String
    @Field(key: "name") public var name: String
    @Field(key: "gender") public var gender: String
    @Field(key: "birth_date") public var birthDate: String
    @Field(key: "position") public var position: String
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "status") public var status: String
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    /// Pangkat/golongan, when the registry export carries it.
    @OptionalField(key: "rank") public var rank: String?
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}

    public var record: ASNRecord? {
        guard let gender = Gender(rawValue: gender), let birth = LocalDate(iso8601: birthDate),
              let status = EmploymentStatus(rawValue: status) else { return nil }
        return ASNRecord(nip: nip, nik: nik, name: name, gender: gender, birthDate: birth, position: position,
                         workUnit: "", agency: "", status: status, email: email, phone: phone, socialAccounts: [])
    }
}

/// A social-media handle registered to an ASN (screening scans the posts of these accounts).
public final class SocialAccountModel: Model, @unchecked Sendable {
    public static let schema = "social_accounts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "asn_id") public var asnID: UUID
    @Field(key: "handle") public var handle: String

    public init() {}
}
