import FluentKit
import Foundation
import NetraCore

/// What is asked of a new account, as the command line and the admin's page take it.
public struct AccountRequest: Sendable {
    public var username: String
    public var role: Role
    public var password: String
    public var displayName: String?
    public var nip: String?
    /// A unit's code, or its name where no other unit has that name.
    public var unit: String?
    public var mustChangePassword: Bool
    /// Where notifications are e-mailed; without one, the registry's address of the linked ASN.
    public var email: String?

    public init(username: String, role: Role, password: String, displayName: String? = nil, nip: String? = nil, unit: String? = nil,
                mustChangePassword: Bool = false, email: String? = nil) {
        self.username = username
        self.role = role
        self.password = password
        self.displayName = displayName
        self.nip = nip
        self.unit = unit
        self.mustChangePassword = mustChangePassword
        self.email = email
    }
}

/// An account as lists show it (`netra users list --json`, `/pengguna`). Never its password hash.
public struct AccountSummary: Codable, Sendable, Equatable {
    public let username: String
    public let name: String
    public let role: Role
    public let nip: String?
    /// The supervised unit's code (its name when it has no code yet); for a supervisor without a stated
    /// unit, the unit the registry names them head of.
    public let unit: String?
    public let unitName: String?
    public let active: Bool
    public let mustChangePassword: Bool

    enum CodingKeys: String, CodingKey {
        case username, name, role, nip, unit, active
        case unitName = "unit_name"
        case mustChangePassword = "must_change_password"
    }

    /// Every key on every line, null where empty: the contract of `netra users list --json` names them all.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(username, forKey: .username)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(nip, forKey: .nip)
        try container.encode(unit, forKey: .unit)
        try container.encode(unitName, forKey: .unitName)
        try container.encode(active, forKey: .active)
        try container.encode(mustChangePassword, forKey: .mustChangePassword)
    }
}

/// A refused account change: the field at fault and why, in Indonesian.
public struct AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, Sendable { case username, password, nip, unit, role, name, email }
    public let field: Field
    public let message: String

    public init(field: Field, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }

    static func password(_ problem: PasswordPolicy.Problem) -> AccountError { AccountError(field: .password, message: problem.description) }
}

/// The signed-in person as the web layer needs them on every request, with the unit they supervise
/// resolved.
public struct SignedInAccount: Sendable {
    public let id: UUID
    public let username: String
    public let displayName: String
    public let role: Role
    public let nip: String?
    public let unitID: UUID?
    public let unitPath: String?
    public let unitName: String?
    public let mustChangePassword: Bool
}

/// Accounts: made, listed, disabled, their passwords reset or changed — each change in the audit chain.
/// How a supervisor's unit is found: the unit stated on the account, or else the unit whose head
/// (`kepala_nip`) is the account's NIP, read from the registry at each request so that a new head
/// recorded in the units file moves supervision with it.
public struct AccountStore: Sendable {
    private let database: any Database
    private let hashPassword: @Sendable (String) async throws -> String
    private let now: @Sendable () -> Date

    /// `hashPassword` is the web layer's bcrypt; the store does not choose how passwords are hashed.
    public init(database: any Database, hashPassword: @escaping @Sendable (String) async throws -> String,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hashPassword = hashPassword
        self.now = now
    }

    public static func anyAccountExists(on database: any Database) async throws -> Bool {
        try await UserModel.query(on: database).first() != nil
    }

    @discardableResult
    public func add(_ request: AccountRequest, by actor: String) async throws -> AccountSummary {
        guard let username = Username.normalized(request.username) else { throw AccountError(field: .username, message: Username.rule) }
        if let problem = PasswordPolicy.problem(password: request.password, username: username) { throw AccountError.password(problem) }
        let displayName = request.displayName.map(ASNRecord.tidyName) ?? ""
        let hash = try await hashPassword(request.password)
        let timestamp = now()
        return try await database.transaction { db in
            guard try await UserModel.query(on: db).filter(\.$username == username).first() == nil else {
                throw AccountError(field: .username, message: "Nama pengguna \(username) sudah dipakai akun lain.")
            }
            var person: ASNModel?
            if let raw = request.nip?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                guard let digits = NIP.validDigits(raw) else {
                    throw AccountError(field: .nip, message: "NIP \"\(raw)\" tidak sah (18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut).")
                }
                guard let found = try await ASNModel.query(on: db).filter(\.$nip == digits).first() else {
                    throw AccountError(field: .nip, message: "NIP \(digits) tidak ada di data ASN; impor data ASN lebih dulu.")
                }
                guard try await UserModel.query(on: db).filter(\.$asnNIP == digits).filter(\.$active == true).first() == nil else {
                    throw AccountError(field: .nip, message: "NIP \(digits) sudah terhubung dengan akun aktif lain.")
                }
                person = found
            }
            var unit: UnitModel?
            if let reference = request.unit?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
                unit = try await Self.unit(named: reference, on: db)
            }
            switch request.role {
            case .asn where person == nil:
                throw AccountError(field: .nip, message: "Akun ASN harus terhubung dengan NIP.")
            case .supervisor where unit == nil:
                if let person, try await UnitModel.query(on: db).filter(\.$headNIP == person.nip).first() != nil { break }
                throw AccountError(field: .unit, message: "Atasan memerlukan unit yang diawasinya, atau NIP yang tercatat sebagai kepala_nip sebuah unit.")
            default: break
            }
            let name = !displayName.isEmpty ? displayName : person?.name ?? username
            let user = UserModel(username: username, passwordHash: hash, displayName: name, role: request.role, unitID: unit?.id, asnNIP: person?.nip)
            user.mustChangePassword = request.mustChangePassword
            user.email = try Self.checkedEmail(request.email) ?? person?.email.flatMap { EmailAddress.isValid($0) ? $0 : nil }
            try await user.create(on: db)
            var details = ["peran": request.role.rawValue, "nama": name]
            if let nip = person?.nip { details["nip"] = nip }
            if let unit { details["unit"] = unit.code ?? unit.name }
            try await AuditLog.append(actor: actor, action: "account.add", subject: "pengguna:\(username)", details: details, at: timestamp, on: db)
            return try await Self.summary(of: user, on: db)
        }
    }

    public func list() async throws -> [AccountSummary] {
        let units = try await UnitModel.query(on: database).sort(\.$depth).all()
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        let headedBy = Dictionary(units.compactMap { unit in unit.headNIP.map { ($0, unit) } }, uniquingKeysWith: { shallower, _ in shallower })
        return try await UserModel.query(on: database).sort(\.$username).all().map { user in
            Self.summary(of: user, unit: user.unitID.flatMap { byID[$0] } ?? Self.headsOwnUnit(user).flatMap { headedBy[$0] })
        }
    }

    /// Disables or enables an account. A disabled account's sessions end at once; the last active admin
    /// cannot be disabled, so the region never locks itself out.
    public func setActive(_ username: String, _ active: Bool, by actor: String) async throws {
        let timestamp = now()
        try await database.transaction { db in
            let user = try await Self.user(username, on: db)
            guard user.active != active else { return }
            if !active, user.role == Role.admin.rawValue,
               try await UserModel.query(on: db).filter(\.$role == Role.admin.rawValue).filter(\.$active == true).count() <= 1 {
                throw AccountError(field: .username, message: "\(user.username) adalah satu-satunya admin aktif; buat admin lain sebelum menonaktifkannya.")
            }
            user.active = active
            try await user.save(on: db)
            if !active { try await SessionModel.query(on: db).filter(\.$userID == user.requireID()).delete() }
            try await AuditLog.append(actor: actor, action: active ? "account.enable" : "account.disable", subject: "pengguna:\(user.username)",
                                      details: [:], at: timestamp, on: db)
        }
    }

    /// Sets a password the user must replace at their next sign-in; all their sessions end.
    public func resetPassword(_ username: String, to password: String, by actor: String) async throws {
        try await setPassword(username: username, password: password, mustChange: true, keptSession: nil, action: "account.reset_password", by: actor)
    }

    /// The user's own new password (the caller has checked the current one). Their other sessions end;
    /// the session hashed `keptSession` (the one making the change) stays.
    public func changeOwnPassword(_ username: String, to password: String, keepingSession keptSession: String?) async throws {
        try await setPassword(username: username, password: password, mustChange: false, keptSession: keptSession, action: "account.change_password", by: username)
    }

    private func setPassword(username: String, password: String, mustChange: Bool, keptSession: String?, action: String, by actor: String) async throws {
        let timestamp = now()
        let user = try await Self.user(username, on: database)
        if let problem = PasswordPolicy.problem(password: password, username: user.username) { throw AccountError.password(problem) }
        let hash = try await hashPassword(password)
        return try await database.transaction { db in
            let user = try await Self.user(username, on: db)
            user.passwordHash = hash
            user.mustChangePassword = mustChange
            try await user.save(on: db)
            let ended = SessionModel.query(on: db).filter(\.$userID == (try user.requireID()))
            if let keptSession { ended.filter(\.$id != keptSession) }
            try await ended.delete()
            try await AuditLog.append(actor: actor, action: action, subject: "pengguna:\(user.username)", details: [:], at: timestamp, on: db)
        }
    }

    /// An active account's id and stored password hash, for checking a password at sign-in or before a change.
    public func credentials(of username: String) async throws -> (id: UUID, passwordHash: String)? {
        guard let user = try? await Self.user(username, on: database), user.active else { return nil }
        return (try user.requireID(), user.passwordHash)
    }

    /// The account a session names, or nil when it is unknown or disabled.
    public func signedIn(id: UUID) async throws -> SignedInAccount? {
        guard let user = try await UserModel.find(id, on: database), user.active, let role = user.userRole else { return nil }
        let unit = try await Self.supervisedUnit(of: user, on: database)
        return SignedInAccount(id: id, username: user.username, displayName: user.displayName, role: role, nip: user.asnNIP,
                               unitID: unit?.id, unitPath: unit?.path, unitName: unit?.name,
                               mustChangePassword: user.mustChangePassword)
    }

    /// The account's own address for notifications; an empty one removes it.
    public func setEmail(_ username: String, to email: String, by actor: String) async throws {
        let checked = try Self.checkedEmail(email)
        try await database.transaction { db in
            let user = try await Self.user(username, on: db)
            user.email = checked
            try await user.save(on: db)
            try await AuditLog.append(actor: actor, action: "account.email", subject: "pengguna:\(user.username)",
                                      details: ["email": checked ?? ""], at: now(), on: db)
        }
    }

    /// The address where an account's notifications go, if any.
    public func email(of id: UUID) async throws -> String? {
        try await UserModel.find(id, on: database)?.email
    }

    private static func checkedEmail(_ raw: String?) throws -> String? {
        guard let text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard EmailAddress.isValid(text) else {
            throw AccountError(field: .email, message: "Alamat e-mail \"\(text)\" tidak sah (contoh: nama@pemkab.go.id).")
        }
        return text.lowercased()
    }

    /// A unit by its code, or by its name where that is unique.
    static func unit(named reference: String, on db: any Database) async throws -> UnitModel {
        if let unit = try await UnitModel.query(on: db).filter(\.$code == reference).first() { return unit }
        let key = UnitDirectory.key(reference)
        let named = try await UnitModel.query(on: db).all().filter { UnitDirectory.key($0.name) == key }
        switch named.count {
        case 1: return named[0]
        case 0: throw AccountError(field: .unit, message: "Unit \"\(reference)\" tidak ditemukan (cari menurut kode atau nama).")
        default:
            let codes = named.map { $0.code ?? "tanpa kode" }.joined(separator: ", ")
            throw AccountError(field: .unit, message: "Ada \(named.count) unit bernama \"\(reference)\" (\(codes)); sebutkan kodenya.")
        }
    }

    private static func user(_ username: String, on db: any Database) async throws -> UserModel {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: db).filter(\.$username == name).first() else {
            throw AccountError(field: .username, message: "Akun \(name) tidak ada.")
        }
        return user
    }

    private static func supervisedUnit(of user: UserModel, on db: any Database) async throws -> UnitModel? {
        if let id = user.unitID { return try await UnitModel.find(id, on: db) }
        guard let nip = headsOwnUnit(user) else { return nil }
        return try await UnitModel.query(on: db).filter(\.$headNIP == nip).sort(\.$depth).first()
    }

    /// The NIP by which a supervisor without a stated unit is found as a unit's head.
    private static func headsOwnUnit(_ user: UserModel) -> String? {
        user.role == Role.supervisor.rawValue && user.unitID == nil ? user.asnNIP : nil
    }

    private static func summary(of user: UserModel, on db: any Database) async throws -> AccountSummary {
        summary(of: user, unit: try await supervisedUnit(of: user, on: db))
    }

    private static func summary(of user: UserModel, unit: UnitModel?) -> AccountSummary {
        AccountSummary(username: user.username, name: user.displayName, role: user.userRole ?? .asn, nip: user.asnNIP,
                       unit: unit.map { $0.code ?? $0.name }, unitName: unit?.name, active: user.active,
                       mustChangePassword: user.mustChangePassword)
    }
}
