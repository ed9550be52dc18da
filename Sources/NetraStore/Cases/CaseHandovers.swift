import FluentKit
import Foundation
import NetraCore

/// Who holds a case now, and each time a missed deadline moved it up, as the case page tells it.
public struct CaseHandling: Sendable, Equatable {
    public struct Handover: Sendable, Equatable {
        public let at: Date
        public let missedOn: LocalDate?
        public let fromUnitID: UUID?
        public let from: String
        public let to: String
    }

    /// The unit head (by unit name), the PPK, or the BKPSDM team while nobody is identified.
    public let handler: String
    public let handovers: [Handover]
}

extension CaseStore {
    static let ppkTitle = "Pejabat Pembina Kepegawaian (PPK)"

    /// Read from the audit chain, where every escalation is written with the units it moved between.
    public static func handling(of model: CaseModel, on database: any Database) async throws -> CaseHandling {
        let escalations = try await AuditLog.records(subject: subject(model), on: database).filter { $0.action == "case.escalated" }
        let moves = escalations.compactMap { record -> (at: Date, missed: LocalDate?, from: UUID?, to: UUID?)? in
            guard let details = try? JSONDecoder().decode([String: String].self, from: Data(record.details.utf8)),
                  let at = AuditLog.date(of: record.at) else { return nil }
            return (at, details["due_on"].flatMap(LocalDate.init(iso8601:)), details["from"].flatMap(UUID.init(uuidString:)),
                    details["to"].flatMap(UUID.init(uuidString:)))
        }
        let ids = Set(moves.flatMap { [$0.from, $0.to] }.compactMap { $0 } + [model.assigneeUnitID].compactMap { $0 })
        let names = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.name) })
        func name(_ unit: UUID?) -> String { unit.flatMap { names[$0] }.map { "Kepala \($0)" } ?? ppkTitle }
        var handler = model.asnNIP == nil && model.assigneeUnitID == nil ? "Tim Netralitas BKPSDM" : name(model.assigneeUnitID)
        // A unit whose head has no account is handled by the first unit above that has one.
        if let assigned = model.assigneeUnitID, let acting = try await NotificationStore.actingUnit(for: .unit(assigned), on: database), acting != assigned {
            handler += ", dijalankan oleh Kepala \(try await UnitModel.find(acting, on: database)?.name ?? "unit di atasnya") (unit itu belum memiliki akun)"
        }
        return CaseHandling(handler: handler, handovers: moves.map {
            CaseHandling.Handover(at: $0.at, missedOn: $0.missed, fromUnitID: $0.from, from: name($0.from), to: name($0.to))
        })
    }
}
