import ArgumentParser
import Logging

@main
struct Netra: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netra",
        abstract: "Netra — menjaga dan membuktikan netralitas ASN dalam pemilihan.",
        subcommands: [Serve.self, Migrate.self, Demo.self, RegistryCommand.self, ImportCommand.self, UsersCommand.self, RulesCommand.self, ScanCommand.self, ElectionCommand.self, MatchCommand.self, EvalCommand.self, AuditCommand.self, JobsCommand.self, BackupCommand.self, RestoreCommand.self, Bench.self]
    )

    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .notice
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
