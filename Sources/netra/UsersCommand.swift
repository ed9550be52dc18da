import ArgumentParser
import Foundation
import NetraCore
import NetraStore
import NetraWeb

/// Accounts from the server's own command line: the first admin of a new region, and every account after.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Akun pengguna: membuat, melihat, menonaktifkan, mengatur ulang kata sandi.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self]
    )

    /// Who the audit trail names for a change made here.
    static let actor = "baris-perintah"

    static func store(_ host: StoreHost) -> AccountStore {
        AccountStore(database: host.database, hashPassword: { try NetraServer.hashPassword($0) })
    }

    /// The first line of the file, without its line end: a password never appears in the shell's history.
    static func password(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): berkas kata sandi tidak dapat dibaca.") }
        guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(path): berkas kata sandi bukan teks UTF-8.") }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// Runs a change, turning a refused one into the message for the terminal.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as AccountError {
            throw CommandFailure("\(error.field.rawValue): \(error.message)")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Membuat akun (akun pertama boleh dibuat di sini, di server itu sendiri).")

        @Argument(help: "Nama pengguna.") var username: String
        @Option(name: .long, help: "admin, supervisor, ppk, bawaslu atau asn.") var role: String
        @Option(name: .long, help: "Berkas yang baris pertamanya kata sandi.") var passwordFile: String
        @Option(name: .long, help: "NIP ASN pemilik akun (harus ada di data ASN).") var nip: String?
        @Option(name: .long, help: "Unit yang diawasi: kode, atau nama bila hanya satu unit bernama itu.") var unit: String?
        @Option(name: .long, help: "Nama lengkap (bawaan: nama dari data ASN).") var name: String?
        @Option(name: .long, help: "Alamat e-mail pemberitahuan (bawaan: e-mail dari data ASN).") var email: String?
        @Flag(name: .long, help: "Pemilik akun harus mengganti kata sandi saat pertama masuk.") var mustChangePassword = false
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            guard let role = Role(rawValue: role.lowercased()) else {
                throw CommandFailure("role: peran \"\(role)\" tidak dikenal; pilih \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let password = try UsersCommand.password(from: passwordFile)
            let account = try await store.withStore { host in
                try await UsersCommand.refusing {
                    try await UsersCommand.store(host).add(
                        AccountRequest(username: username, role: role, password: password, displayName: name, nip: nip, unit: unit,
                                       mustChangePassword: mustChangePassword, email: email),
                        by: UsersCommand.actor)
                }
            }
            print("Akun \(account.username) dibuat: \(account.role.title)\(account.unitName.map { ", \($0)" } ?? "").")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Menampilkan semua akun.")

        @Flag(name: .long, help: "Satu objek JSON per baris.") var json = false
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            let accounts = try await store.withStore { host in try await UsersCommand.store(host).list() }
            for account in accounts {
                if json {
                    print(try JSONLines.encode(account))
                } else {
                    let state = account.active ? (account.mustChangePassword ? "aktif, harus ganti kata sandi" : "aktif") : "nonaktif"
                    print("\(account.username)\t\(account.role.rawValue)\t\(account.unit ?? "-")\t\(account.nip ?? "-")\t\(state)")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Menonaktifkan akun; sesinya berakhir saat itu juga.")

        @Argument(help: "Nama pengguna.") var username: String
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            try await store.withStore { host in
                try await UsersCommand.refusing { try await UsersCommand.store(host).setActive(username, false, by: UsersCommand.actor) }
            }
            print("Akun \(username.lowercased()) dinonaktifkan.")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Mengatur kata sandi sementara; pemiliknya harus menggantinya saat masuk berikutnya.")

        @Argument(help: "Nama pengguna.") var username: String
        @Option(name: .long, help: "Berkas yang baris pertamanya kata sandi sementara.") var passwordFile: String
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            let password = try UsersCommand.password(from: passwordFile)
            try await store.withStore { host in
                try await UsersCommand.refusing { try await UsersCommand.store(host).resetPassword(username, to: password, by: UsersCommand.actor) }
            }
            print("Kata sandi \(username.lowercased()) diatur ulang; pemiliknya harus menggantinya saat masuk berikutnya.")
        }
    }
}
