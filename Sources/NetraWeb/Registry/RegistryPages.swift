import Foundation
import NetraCore
import NetraStore

/// Page models: built by pure functions from query results, asserted on by tests, rendered by Leaf.
struct UnitsPage: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let id: String
        let name: String
        let depth: Int
        let indent: Int
        let directCount: Int
        let totalCount: Int
    }

    let rows: [Row]
    let totalASN: Int

    static func make(tree: [UnitNode]) -> UnitsPage {
        var rows: [Row] = []
        func walk(_ node: UnitNode, level: Int) {
            rows.append(Row(id: node.id.uuidString.lowercased(), name: node.name, depth: level, indent: level * 24,
                            directCount: node.directCount, totalCount: node.totalCount))
            node.children.forEach { walk($0, level: level + 1) }
        }
        tree.forEach { walk($0, level: 0) }
        return UnitsPage(rows: rows, totalASN: tree.reduce(0) { $0 + $1.totalCount })
    }
}

struct SearchPage: Encodable, Equatable {
    let query: String
    let unitID: String?
    let unitName: String?
    let results: [ASNSummary]
    let page: Int
    let previousPage: Int?
    let nextPage: Int?

    static let pageSize = 50

    static func make(query: String, unit: (id: UUID, name: String)?, results: [ASNSummary], page: Int) -> SearchPage {
        SearchPage(query: query, unitID: unit?.id.uuidString.lowercased(), unitName: unit?.name,
                   results: Array(results.prefix(pageSize)), page: page,
                   previousPage: page > 1 ? page - 1 : nil, nextPage: results.count > pageSize ? page + 1 : nil)
    }
}

struct DetailPage: Encodable, Equatable {
    let nip: String
    let nipGrouped: String
    let nik: String
    let nikMasked: Bool
    let name: String
    let gender: String
    /// False for a viewer who may not see birth date, e-mail, phone and social accounts (Bawaslu).
    let personalDetails: Bool
    let birthDate: String
    let position: String
    let status: String
    let email: String?
    let phone: String?
    let unitPath: [String]
    let socialAccounts: [String]
    let prevention: Prevention

    /// The person's pledges, socializations and quiz attempts.
    struct Prevention: Encodable, Equatable {
        struct Pledge: Encodable, Equatable {
            let election: String
            let signedOn: String
            let method: String
        }

        struct Event: Encodable, Equatable {
            let title: String
            let heldOn: String
            let organizer: String
        }

        struct Attempt: Encodable, Equatable {
            let takenOn: String
            let score: Int
            let total: Int
            let passed: Bool
        }

        let pledges: [Pledge]
        let socializations: [Event]
        let quizAttempts: [Attempt]

        static func make(_ history: PreventionHistory, electionNames: [String: String]) -> Prevention {
            Prevention(
                pledges: history.pledges.map {
                    Pledge(election: electionNames[$0.electionCode] ?? $0.electionCode,
                           signedOn: LocalDate(instant: Date(timeIntervalSince1970: $0.signedAt)).indonesianLong,
                           method: $0.method == "paper" ? "ikrar tertulis (pindaian)" : "daring")
                },
                socializations: history.socializations.map {
                    Event(title: $0.title, heldOn: LocalDate(iso8601: $0.heldOn)?.indonesianLong ?? $0.heldOn, organizer: $0.organizer)
                },
                quizAttempts: history.quizAttempts.map {
                    Attempt(takenOn: LocalDate(instant: Date(timeIntervalSince1970: $0.takenAt)).indonesianLong, score: $0.score, total: $0.total, passed: $0.passed)
                })
        }
    }

    /// The page of a record already cut to what the viewer may see (`ASNDetail.shown`).
    static func make(_ detail: ASNDetail, nikMasked: Bool, prevention: Prevention) -> DetailPage {
        let nipGrouped = NIP.grouped(detail.nip) ?? detail.nip
        return DetailPage(
            nip: detail.nip, nipGrouped: nipGrouped, nik: detail.nik, nikMasked: nikMasked, name: detail.name,
            gender: detail.gender == "P" ? "Perempuan" : "Laki-laki",
            personalDetails: detail.birthDate != nil,
            birthDate: detail.birthDate.map { LocalDate(iso8601: $0)?.indonesianLong ?? $0 } ?? "",
            position: detail.position, status: detail.status, email: detail.email, phone: detail.phone,
            unitPath: detail.unitPath, socialAccounts: detail.socialAccounts.map { "@" + $0 }, prevention: prevention
        )
    }
}

/// What the import page can take: the ASN export, the units tree, or the wilayah.
enum ImportKind: String, CaseIterable {
    case asn, units = "unit", regions = "wilayah"

    var title: String {
        switch self {
        case .asn: "Data ASN"
        case .units: "Pohon unit (kode,nama,induk,kepala_nip)"
        case .regions: "Wilayah: kecamatan dan desa (kode,nama)"
        }
    }
}

struct ImportPage: Encodable, Equatable {
    /// One faulty row's field, as every kind of file reports it.
    struct Problem: Encodable, Equatable {
        let line: Int
        let field: String
        /// The registry's stable problem code; nil for units and wilayah files.
        let problem: String?
        let message: String
    }

    struct Outcome: Encodable, Equatable {
        let imported: Bool
        let rows: Int
        let accepted: Int
        let inserted: Int
        let updated: Int
        let rejectedRows: Int
        let errors: [Problem]
        let hiddenErrors: Int
    }

    struct KindChoice: Encodable, Equatable {
        let value: String
        let title: String
        let selected: Bool
    }

    let fileError: String?
    let outcome: Outcome?
    var kinds: [KindChoice] = ImportPage.choices(.asn)

    /// At most this many problems are listed on the page; all of them are in the downloadable report.
    static let shownErrors = 500

    static func choices(_ selected: ImportKind) -> [KindChoice] {
        ImportKind.allCases.map { KindChoice(value: $0.rawValue, title: $0.title, selected: $0 == selected) }
    }

    static func make(_ kind: ImportKind, imported: Bool, rows: Int, rejectedRows: Int, inserted: Int = 0, updated: Int = 0,
                     errors: [Problem]) -> ImportPage {
        ImportPage(fileError: nil, outcome: Outcome(
            imported: imported, rows: rows, accepted: rows - rejectedRows, inserted: inserted, updated: updated, rejectedRows: rejectedRows,
            errors: Array(errors.prefix(shownErrors)), hiddenErrors: max(0, errors.count - shownErrors)), kinds: choices(kind))
    }
}

extension ImportPage.Problem {
    init(_ problem: RegistryProblem) {
        self.init(line: problem.line, field: problem.field.rawValue, problem: problem.problem.rawValue, message: problem.message)
    }

    init(_ problem: UnitTreeProblem) {
        self.init(line: problem.line, field: problem.field.rawValue, problem: nil, message: problem.message)
    }

    init(_ problem: RegionProblem) {
        self.init(line: problem.line, field: problem.field.rawValue, problem: nil, message: problem.message)
    }
}
