import FluentKit
import Foundation

/// A perangkat daerah or one of its unit kerja, at any depth. `path` lists the ids from the root down
/// ("/a/b/"), so a whole subtree is one prefix query — the basis of every supervisor's scope.
public final class UnitModel: Model, @unchecked Sendable {
    public static let schema = "units"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "path") public var path: String
    @Field(key: "depth") public var depth: Int
    @OptionalField(key: "region_code") public var regionCode: String?
    @OptionalField(key: "head_nip") public var headNIP: String?
    /// The code BKPSDM gives the unit (`kode` in a units file); nil for a unit made from a name in an ASN export.
    @OptionalField(key: "code") public var code: String?

    public init() {}

    public init(id: UUID = UUID(), name: String, parent: UnitModel?, regionCode: String?, headNIP: String? = nil, code: String? = nil) {
        self.id = id
        self.name = name
        self.parentID = parent?.id
        self.path = (parent?.path ?? "/") + id.uuidString.lowercased() + "/"
        self.depth = (parent?.depth ?? -1) + 1
        self.regionCode = regionCode
        self.headNIP = headNIP
        self.code = code
    }
}
