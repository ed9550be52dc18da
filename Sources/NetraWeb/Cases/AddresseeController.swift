import NetraCore
import NetraStore
import Vapor

/// "Surat untuk Saya": a person a case is about reads what the law addresses to them — the summons and the
/// decision — and nothing else of the case.
struct AddresseeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("surat-saya", use: list)
        routes.get("surat-saya", ":letter", use: letter)
    }

    struct LettersPage: Encodable {
        struct Item: Encodable {
            let id: String
            let title: String
            let number: String
            let issuedOn: String
        }
        let items: [Item]
        let hasNIP: Bool
    }

    @Sendable
    func list(req: Request) async throws -> View {
        let viewer = try req.requireViewer()
        let letters = if let nip = viewer.nip { try await CaseStore.lettersAddressed(to: nip, on: req.db) } else { [(letter: LetterModel, case: CaseModel)]() }
        let items = letters.map { entry in
            LettersPage.Item(id: entry.letter.id!.uuidString.lowercased(), title: entry.letter.name,
                             number: entry.letter.number, issuedOn: LocalDate(iso8601: entry.letter.issuedOn)?.indonesianLong ?? entry.letter.issuedOn)
        }
        return try await req.view.render("my-letters", PageContext(req: req, title: "Surat untuk Saya", body: LettersPage(items: items, hasNIP: viewer.nip != nil)))
    }

    @Sendable
    func letter(req: Request) async throws -> View {
        let viewer = try req.requireViewer()
        guard let nip = viewer.nip, let id = req.parameters.get("letter").flatMap(UUID.init(uuidString:)),
              let entry = try await CaseStore.lettersAddressed(to: nip, on: req.db).first(where: { $0.letter.id == id }) else { throw Abort(.notFound) }
        return try await CaseController.renderLetter(entry.letter, of: entry.case, req: req)
    }
}
