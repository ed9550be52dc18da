import Foundation
import Vapor

/// Entry points for the command-line tool, so that it needs no Vapor import of its own.
public enum NetraServer {
    /// Runs the web application until the process is asked to stop (Ctrl-C, SIGTERM).
    public static func run(settings: WebSettings, hostname: String, port: Int, environmentName: String? = nil,
                           onStart: @Sendable () -> Void = {}) async throws {
        var environment = try Self.environment(named: environmentName, demo: settings.seedDemo)
        environment.arguments = ["netra", "serve", "--hostname", hostname, "--port", String(port)]
        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: settings)
            app.logger.notice("Netra (\(app.environment.name)): \(settings.database) — http://\(hostname):\(port)")
            if let setup = await app.setupPath {
                app.logger.notice("Belum ada akun. Buat akun admin pertama di http://\(hostname):\(port)\(setup) — alamat ini berlaku sekali, sampai dipakai atau server dimulai ulang.")
            }
            onStart()
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    public struct UnknownEnvironment: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "--env \"\(name)\" tidak dikenal: gunakan production atau development." }
    }

    /// Production (templates cached, terse logs) unless `--env development` is asked for or the demo runs.
    public static func environment(named name: String?, demo: Bool) throws(UnknownEnvironment) -> Environment {
        switch name?.lowercased() {
        case nil: demo ? .development : .production
        case "production", "prod": .production
        case "development", "dev": .development
        case let other?: throw UnknownEnvironment(name: other)
        }
    }

    /// bcrypt, as the web application verifies it.
    public static func hashPassword(_ password: String) throws -> String {
        try Bcrypt.hash(password)
    }
}
