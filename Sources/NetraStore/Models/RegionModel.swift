import FluentKit

/// A Kemendagri region: provinsi → kabupaten/kota → kecamatan → desa/kelurahan, keyed by its code
/// ("62", "62.11", "62.11.05", "62.11.05.2003").
public final class RegionModel: Model, @unchecked Sendable {
    public static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "level") public var level: String
    @OptionalField(key: "parent_code") public var parentCode: String?

    public init() {}

    public init(code: String, name: String, level: String, parentCode: String?) {
        self.id = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
    }
}
