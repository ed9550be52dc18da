import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where Netra keeps its data: an embedded SQLite file (the default, nothing to install) or PostgreSQL.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case sqliteInMemory
    case postgres(url: String)

    public static let defaultPath = "netra.sqlite"

    public struct InvalidURL: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "Alamat basis data tidak dikenali: \(text) (gunakan path berkas, sqlite://… atau postgres://…)" }
    }

    /// A path or `sqlite://path` for SQLite, `sqlite::memory:` for tests, `postgres://…` for PostgreSQL.
    public init(_ text: String?) throws {
        let value = (text ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            self = .sqlite(path: DatabaseLocation.defaultPath)
        } else if value == "sqlite::memory:" || value == ":memory:" {
            self = .sqliteInMemory
        } else if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else if value.hasPrefix("sqlite://") {
            let path = String(value.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw InvalidURL(text: value) }
            self = .sqlite(path: path)
        } else if value.contains("://") {
            throw InvalidURL(text: value)
        } else {
            self = .sqlite(path: value)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite \(path)"
        case .sqliteInMemory: return "SQLite (memori)"
        case .postgres(let url):
            // Never print a password.
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL \(components.string ?? "")"
        }
    }

    public var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }

    /// Registers this location as the default database.
    public func register(on databases: Databases) throws {
        switch self {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .sqliteInMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url):
            databases.use(try .postgres(url: url, sqlLogLevel: .debug), as: .psql)
        }
    }
}
