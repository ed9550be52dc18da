import NetraCore
import NetraStore
import Vapor

/// "Boleh atau Tidak?": public, no login, works without JavaScript (the question is a GET form).
struct GuideController: RouteCollection {
    let guide: Guide

    func boot(routes: any RoutesBuilder) throws {
        routes.get("panduan", use: page)
        let api = routes.grouped("api", "v1")
        api.get("guide", use: answerQuery)
        api.post("guide", use: answerBody)
        api.get("rules", use: rules)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let question = String((req.query[String.self, at: "tanya"] ?? "").prefix(2_000)).trimmingCharacters(in: .whitespacesAndNewlines)
        let dateText = (req.query[String.self, at: "tanggal"] ?? "").trimmingCharacters(in: .whitespaces)
        var answer: GuideAnswer?
        var electionName: String?
        var dateError: String?
        if !question.isEmpty {
            if let date = dateText.isEmpty ? req.clock.today : LocalDate(humanInput: dateText) {
                let regional = try await regionalGuide(req)
                answer = regional.answer(text: question, on: date)
                electionName = regional.calendars.first { $0.id == answer?.election }?.name
            } else {
                dateError = "Tanggal tidak dikenali; tulis misalnya 10/10/2024 atau 10 Oktober 2024."
            }
        }
        let today = req.clock.today
        let page = GuidePage.make(rulebook: guide.rulebook, query: query, question: question,
                                  date: dateText.isEmpty ? "\(today.day)/\(today.month)/\(today.year)" : dateText, dateError: dateError, answer: answer, electionName: electionName,
                                  forStaff: req.viewer.map { $0.may(.triageReports) || $0.may(.configureRegion) } ?? false)
        return try await req.view.render("guide", PageContext(req: req, title: "Boleh atau Tidak?", body: page))
    }

    struct Question: Content {
        var text: String?
        var date: String?
        var status: String?
        var behaviours: [String]?
        var election: String?
    }

    @Sendable
    func answerQuery(req: Request) async throws -> GuideAnswer {
        try answer(Question(text: req.query[String.self, at: "text"], date: req.query[String.self, at: "date"],
                            status: req.query[String.self, at: "status"], behaviours: nil, election: req.query[String.self, at: "election"]),
                   guide: try await regionalGuide(req))
    }

    @Sendable
    func answerBody(req: Request) async throws -> GuideAnswer {
        try answer(try req.content.decode(Question.self), guide: try await regionalGuide(req))
    }

    @Sendable
    func rules(req: Request) async throws -> [Rule] { guide.rulebook.rules }

    /// The guide on the region's own election timetables (and the shipped ones for kinds it has not recorded).
    private func regionalGuide(_ req: Request) async throws -> Guide {
        Guide(rulebook: guide.rulebook, calendars: try await ElectionStore.calendars(on: req.db, shipped: guide.calendars))
    }

    private func answer(_ question: Question, guide: Guide) throws -> GuideAnswer {
        guard let dateText = question.date, let date = LocalDate(iso8601: dateText) else {
            throw Abort(.badRequest, reason: "date wajib diisi dengan format YYYY-MM-DD.")
        }
        var status: EmploymentStatus?
        if let text = question.status {
            guard let parsed = EmploymentStatus(registryValue: text) else { throw Abort(.badRequest, reason: "status harus PNS, CPNS atau PPPK.") }
            status = parsed
        }
        if let names = question.behaviours, !names.isEmpty {
            var behaviours: [Behaviour] = []
            for name in names {
                guard let behaviour = Behaviour(rawValue: name) else { throw Abort(.badRequest, reason: "Perilaku tidak dikenal: \(name).") }
                behaviours.append(behaviour)
            }
            return guide.answer(behaviours: behaviours, status: status ?? .pns, on: date, election: question.election)
        }
        guard let text = question.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= 5_000 else {
            throw Abort(.badRequest, reason: "Isi text (uraian perbuatan, paling banyak 5.000 karakter) atau behaviours.")
        }
        return guide.answer(text: text, on: date, status: status)
    }
}

extension GuideAnswer: Content {}
extension Rule: Content {}
