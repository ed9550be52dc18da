import FluentKit
import Foundation
import NetraCore

/// One named setting of the region, kept as JSON ("letterhead").
public final class SettingModel: Model, @unchecked Sendable {
    public static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}
}

/// An uploaded letterhead logo, by its SHA-256. Never deleted: letters issued with it keep showing it.
public final class LogoModel: Model, @unchecked Sendable {
    public static let schema = "logos"

    @ID(custom: "sha256", generatedBy: .user) public var id: String?
    @Field(key: "content_type") public var contentType: String
    @Field(key: "data") public var data: Data

    public init() {}
}

/// The settings were refused; each problem names its field.
public struct LetterheadRefusal: Error, Sendable, Equatable {
    public let problems: [Letterhead.Problem]
}

/// The region's letterhead, signers and numbering (`/pengaturan`), and its logos.
public enum LetterheadStore {
    static let key = "letterhead"

    /// The letterhead in force, or nil while the admin has not set one.
    public static func current(on database: any Database) async throws -> Letterhead? {
        guard let model = try await SettingModel.find(key, on: database) else { return nil }
        return try JSONDecoder().decode(Letterhead.self, from: Data(model.value.utf8))
    }

    /// An uploaded logo to keep with the settings.
    public struct LogoUpload: Sendable {
        public let bytes: [UInt8]
        public init(bytes: [UInt8]) { self.bytes = bytes }
    }

    /// Checks and saves `letterhead`. A new logo replaces the shown one; without one the previous logo stays
    /// unless `removeLogo`. Throws `LetterheadRefusal` naming every faulty field, and then saves nothing.
    @discardableResult
    public static func save(_ letterhead: Letterhead, logo upload: LogoUpload?, removeLogo: Bool = false, actor: String, at date: Date,
                            on database: any Database) async throws -> Letterhead {
        let checked = letterhead.normalized()
        var problems = checked.problems()
        var checkedLogo: (sha256: String, kind: LetterLogo.Kind, bytes: [UInt8])?
        if let upload {
            do {
                let kind = try LetterLogo.check(upload.bytes)
                checkedLogo = (EvidenceVault.sha256(upload.bytes), kind, upload.bytes)
            } catch {
                problems.append(Letterhead.Problem(field: .logo, message: error.description))
            }
        }
        guard problems.isEmpty else { throw LetterheadRefusal(problems: problems) }
        let logo = checkedLogo
        return try await database.transaction { db in
            var value = checked
            let previous = try await current(on: db)
            if let logo {
                if try await LogoModel.find(logo.sha256, on: db) == nil {
                    let model = LogoModel()
                    model.id = logo.sha256
                    model.contentType = logo.kind.rawValue
                    model.data = Data(logo.bytes)
                    try await model.create(on: db)
                }
                value.logo = logo.sha256
            } else {
                value.logo = removeLogo ? nil : previous?.logo
            }
            let json = String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
            if let model = try await SettingModel.find(key, on: db) {
                model.value = json
                model.updatedAt = date.timeIntervalSince1970
                try await model.update(on: db)
            } else {
                let model = SettingModel()
                model.id = key
                model.value = json
                model.updatedAt = date.timeIntervalSince1970
                try await model.create(on: db)
            }
            try await AuditLog.append(actor: actor, action: "settings.letterhead", subject: "settings:letterhead",
                                      details: ["government": value.government, "agency": value.agency, "numbering": value.numbering.pattern,
                                                "ppk": value.ppk.name, "agency_head": value.agencyHead.name, "logo": value.logo ?? ""],
                                      at: date, on: db)
            return value
        }
    }

    /// A logo's type and bytes.
    public static func logo(sha256: String, on database: any Database) async throws -> (contentType: String, data: Data)? {
        guard let model = try await LogoModel.find(sha256.lowercased(), on: database) else { return nil }
        return (model.contentType, model.data)
    }
}

extension JSONEncoder {
    /// Keys sorted, so the same settings are stored as the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
