import Fluent
import NetraCore
import NetraStore
import Vapor

/// Socialization events and their attendees: recorded by BKPSDM, Bawaslu or a supervisor (attendees
/// only from what the recorder may see), counted in coverage.
struct SocializationController: RouteCollection {
    /// Seals what a form added for the page its redirect leads to: the entries not recorded may be names or
    /// NIPs, which must not travel in an address that proxies and browsers log.
    let vault: EvidenceVault
    let secureCookies: Bool

    func boot(routes: any RoutesBuilder) throws {
        let events = routes.grouped("sosialisasi")
        events.get(use: list)
        events.on(.POST, body: .collect(maxSize: "5mb"), use: create)
        events.get(":event", use: detail)
        events.on(.POST, ":event", "peserta", body: .collect(maxSize: "5mb"), use: addAttendees)
    }

    struct ListPage: Encodable {
        struct Event: Encodable {
            let id: String
            let title: String
            let heldOn: String
            let place: String
            let organizer: String
        }
        let events: [Event]
        let canRecord: Bool
        let error: String?
    }

    @Sendable
    func list(req: Request) async throws -> View {
        try await renderList(req, error: nil)
    }

    private func renderList(_ req: Request, error: String?) async throws -> View {
        let viewer = try req.require(.viewCoverage, or: .recordSocialization)
        let events = try await SocializationStore.events(on: req.db).map {
            ListPage.Event(id: $0.id!.uuidString.lowercased(), title: $0.title, heldOn: LocalDate(iso8601: $0.heldOn)?.indonesianLong ?? $0.heldOn,
                           place: $0.place, organizer: $0.organizer)
        }
        return try await req.view.render("socialization-list", PageContext(req: req, title: "Sosialisasi Netralitas",
                                                                          body: ListPage(events: events, canRecord: viewer.may(.recordSocialization), error: error)))
    }

    struct EventForm: Content {
        var judul: String?
        var tanggal: String?
        var tempat: String?
        var penyelenggara: String?
        var peserta: String?
        var berkas: File?
        /// NIPs ticked in the results of a search by name.
        var nip: [String]?
    }

    /// The attendee NIPs from the text box, the ticked search results and, when given, a CSV or text file.
    private static func entries(_ form: EventForm?) -> [String] {
        var text = form?.peserta ?? ""
        if let file = form?.berkas, file.data.readableBytes > 0 { text += "\n" + String(decoding: file.data.readableBytesView, as: UTF8.self) }
        return SocializationStore.nips(in: text) + (form?.nip ?? [])
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let viewer = try req.require(.recordSocialization)
        let form = try? req.content.decode(EventForm.self)
        let title = (form?.judul ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let place = (form?.tempat ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let organizer = (form?.penyelenggara ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [String] = []
        if title.count < 3 || title.count > 200 { problems.append("judul (3–200 karakter)") }
        let day = LocalDate(humanInput: form?.tanggal ?? "")
        if day == nil { problems.append("tanggal (mis. 2024-10-01)") }
        if place.isEmpty || place.count > 200 { problems.append("tempat") }
        if organizer.isEmpty || organizer.count > 200 { problems.append("penyelenggara") }
        guard problems.isEmpty, let day else {
            return try await renderList(req, error: "Periksa isian: \(problems.joined(separator: ", ")).").encodeResponse(status: .unprocessableEntity, for: req)
        }
        let actor = viewer.actor.auditName
        let event = try await SocializationStore.create(title: title, heldOn: day, place: place, organizer: organizer, by: actor, creatorID: viewer.userID,
                                                        at: req.clock.now(), on: req.db)
        let report = try await SocializationStore.addAttendees(Self.entries(form), to: event.id!, scope: viewer.registryScope, by: actor,
                                                                at: req.clock.now(), on: req.db)
        return try redirect(to: event.id!, report: report, req: req)
    }

    /// Post/redirect/get: the event's page, with what the form added in a short-lived sealed cookie of this
    /// browser's, so a refresh adds nothing again.
    private func redirect(to id: UUID, report: SocializationStore.AttendeeReport, req: Request) throws -> Response {
        let event = id.uuidString.lowercased()
        let response = req.redirect(to: "/sosialisasi/\(event)")
        let fields = [event, String(report.added), String(report.alreadyListed)] + report.unknown.prefix(Self.unknownShown).map { String($0.prefix(40)) }
            + (report.unknown.count > Self.unknownShown ? ["dan \(report.unknown.count - Self.unknownShown) lainnya"] : [])
        response.cookies[Self.resultCookie] = HTTPCookies.Value(string: try vault.seal(text: fields.joined(separator: "\n")), maxAge: 300,
                                                               path: "/sosialisasi", isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// What the last form added to event `id`, from the sealed cookie its redirect left.
    private func lastResult(for id: UUID, req: Request) -> SocializationStore.AttendeeReport? {
        guard let sealed = req.cookies[Self.resultCookie]?.string, let text = try? vault.open(text: sealed) else { return nil }
        let fields = text.components(separatedBy: "\n")
        guard fields.count >= 3, fields[0] == id.uuidString.lowercased(), let added = Int(fields[1]), let listed = Int(fields[2]) else { return nil }
        var report = SocializationStore.AttendeeReport()
        report.added = added
        report.alreadyListed = listed
        report.unknown = Array(fields.dropFirst(3))
        return report
    }

    static let resultCookie = "netra_sosialisasi_hasil"

    /// At most this many entries that were not recorded are named after adding attendees; the rest are counted.
    static let unknownShown = 50

    /// At most this many people are offered per search by name.
    static let searchLimit = 30

    struct DetailPage: Encodable {
        let id: String
        let title: String
        let heldOn: String
        let place: String
        let organizer: String
        let attendees: [Attendee]
        let attendeeCount: Int
        let canRecord: Bool
        let added: Int?
        let alreadyListed: Int?
        let unknown: [String]
        /// A search by name for attendees to tick, when one was asked.
        let search: String?
        let found: [Found]
    }

    struct Found: Encodable {
        let nip: String
        let name: String
        let unit: String
        let listed: Bool
    }

    struct Attendee: Encodable {
        let nip: String
        let name: String
    }

    @Sendable
    func detail(req: Request) async throws -> View {
        guard let id = req.parameters.get("event").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return try await renderDetail(req, id: id, report: lastResult(for: id, req: req))
    }

    private func renderDetail(_ req: Request, id: UUID, report: SocializationStore.AttendeeReport?) async throws -> View {
        let viewer = try req.require(.viewCoverage, or: .recordSocialization)
        guard let event = try await SocializationEventModel.find(id, on: req.db) else { throw Abort(.notFound) }
        var attendees: [Attendee] = []
        let attendances = try await SocializationStore.attendees(of: id, on: req.db)
        for attendance in attendances {
            // Each viewer sees the attendees within their own scope.
            if let person = try await RegistryQueries.detail(nip: attendance.asnNIP, scope: viewer.registryScope, on: req.db) {
                attendees.append(Attendee(nip: person.nip, name: person.name))
            }
        }
        let search = (try? req.query.get(String.self, at: "cari"))?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100)
        var found: [Found] = []
        if let search, search.count >= 2, viewer.may(.recordSocialization) {
            let listed = Set(attendances.map(\.asnNIP))
            found = try await RegistryQueries.search(String(search), scope: viewer.registryScope, limit: Self.searchLimit, on: req.db).map {
                Found(nip: $0.nip, name: $0.name, unit: $0.unitName, listed: listed.contains($0.nip))
            }
        }
        let page = DetailPage(id: id.uuidString.lowercased(), title: event.title, heldOn: LocalDate(iso8601: event.heldOn)?.indonesianLong ?? event.heldOn,
                              place: event.place, organizer: event.organizer, attendees: attendees, attendeeCount: attendees.count, canRecord: viewer.may(.recordSocialization) && event.mayAddAttendees(userID: viewer.userID, isAdmin: viewer.role == .admin),
                              added: report?.added, alreadyListed: report?.alreadyListed, unknown: report?.unknown ?? [],
                              search: search.map(String.init), found: found)
        return try await req.view.render("socialization", PageContext(req: req, title: event.title, body: page))
    }

    @Sendable
    func addAttendees(req: Request) async throws -> Response {
        let viewer = try req.require(.recordSocialization)
        guard let id = req.parameters.get("event").flatMap(UUID.init(uuidString:)), let event = try await SocializationEventModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        guard event.mayAddAttendees(userID: viewer.userID, isAdmin: viewer.role == .admin) else {
            throw Abort(.forbidden, reason: "Hanya pencatat kegiatan ini atau admin yang dapat menambah peserta.")
        }
        let actor = viewer.actor.auditName
        let report = try await SocializationStore.addAttendees(Self.entries(try? req.content.decode(EventForm.self)), to: id, scope: viewer.registryScope,
                                                                by: actor, at: req.clock.now(), on: req.db)
        return try redirect(to: id, report: report, req: req)
    }
}
