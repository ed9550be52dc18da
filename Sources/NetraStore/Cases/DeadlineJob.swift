import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Reminds the handler before a deadline and moves an overdue case one level up the unit tree.
/// Each case is claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite has one writer), and the
/// per-due-date markers make a second run, or a second instance, do nothing more.
public enum DeadlineJob {
    public struct Outcome: Sendable, Equatable, Codable {
        public var reminders = 0
        public var escalations = 0
    }

    public static func run(today: LocalDate, workingDays: WorkingDays, remindWithin: Int = 2, at date: Date,
                           on database: any Database) async throws -> Outcome {
        let workingDays = try await ElectionStore.workingDays(workingDays, on: database)
        var outcome = Outcome()
        let open = try await CaseModel.query(on: database)
            .filter(\.$status !~ [CaseStatus.closed.rawValue, CaseStatus.dismissed.rawValue])
            .filter(\.$dueOn != nil).all().compactMap(\.id)
        for id in open {
            let done = try await database.transaction { db -> Outcome in
                guard let model = try await claim(id, on: db), let due = model.dueOn.flatMap(LocalDate.init(iso8601:)) else { return Outcome() }
                if today > due {
                    guard model.escalatedDueOn != due.iso8601 else { return Outcome() }
                    try await escalate(model, due: due, at: date, on: db)
                    return Outcome(reminders: 0, escalations: 1)
                }
                let reminderDay = workingDays.adding(max(0, remindWithin - 1), to: today)
                guard due <= reminderDay || due == today, model.remindedDueOn != due.iso8601 else { return Outcome() }
                model.remindedDueOn = due.iso8601
                try await model.save(on: db)
                try await NotificationStore.post(.reminder(caseNumber: model.number, due: due, link: CaseStore.link(model)), caseID: model.id!,
                                                 to: CaseStore.audience(of: model), at: date, on: db)
                try await AuditLog.append(actor: "sistem", action: "case.reminded", subject: CaseStore.subject(model),
                                          details: ["due_on": due.iso8601], at: date, on: db)
                return Outcome(reminders: 1, escalations: 0)
            }
            outcome.reminders += done.reminders
            outcome.escalations += done.escalations
        }
        return outcome
    }

    /// Locks the case row for this transaction; nil when another instance holds it.
    private static func claim(_ id: UUID, on db: any Database) async throws -> CaseModel? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            let rows = try await sql.raw("SELECT id FROM \(ident: CaseModel.schema) WHERE id = \(bind: id) FOR UPDATE SKIP LOCKED").all()
            guard !rows.isEmpty else { return nil }
        }
        return try await CaseModel.find(id, on: db)
    }

    private static func escalate(_ model: CaseModel, due: LocalDate, at date: Date, on db: any Database) async throws {
        let previous = model.assigneeUnitID
        var next: CaseRouting.Assignee = .ppk
        if let subjectID = model.subjectUnitID, let subject = try await UnitModel.find(subjectID, on: db) {
            let path = try await CaseStore.unitPath(of: subject, on: db)
            next = CaseRouting.escalate(from: previous.map { .unit($0.uuidString) } ?? .ppk, path: path, reportedNIP: model.asnNIP)
        }
        if case .unit(let id) = next { model.assigneeUnitID = UUID(uuidString: id) } else { model.assigneeUnitID = nil }
        model.escalations += 1
        model.escalatedDueOn = due.iso8601
        try await model.save(on: db)
        let link = CaseStore.link(model)
        try await NotificationStore.post(.escalation(caseNumber: model.number, missed: due, link: link), caseID: model.id!,
                                         to: CaseStore.audience(of: model), at: date, on: db)
        // The one who held it learns that it was taken over (nobody to tell when the admin held it, and no
        // second message when the same head acted for both levels, their units having no account of their own).
        if let previous, try await NotificationStore.actingUnit(for: .unit(previous), on: db)
            != NotificationStore.actingUnit(for: CaseStore.audience(of: model), on: db) {
            try await NotificationStore.post(.takenOver(caseNumber: model.number, missed: due, link: link), caseID: model.id!,
                                             to: .unit(previous), at: date, on: db)
        }
        try await AuditLog.append(actor: "sistem", action: "case.escalated", subject: CaseStore.subject(model),
                                  details: ["due_on": due.iso8601, "from": previous?.uuidString.lowercased() ?? "ppk",
                                            "to": model.assigneeUnitID?.uuidString.lowercased() ?? "ppk"], at: date, on: db)
    }
}
