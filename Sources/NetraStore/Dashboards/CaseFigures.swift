import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Case counts for the dashboards, each from one grouped query within the viewer's scope.
public struct CaseFigures: Sendable {
    public var byStatus: [(status: CaseStatus, count: Int)] = []
    public var byBehaviour: [(behaviour: Behaviour, count: Int)] = []
    public var byPhase: [(phase: ElectionPhase, count: Int)] = []
    /// Cases opened per ISO week, by the week's Monday, oldest first.
    public var byWeek: [(week: LocalDate, count: Int)] = []

    public static func load(scope: CaseScope, calendar: ElectionCalendar, on database: any Database) async throws -> CaseFigures {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        func grouped(_ column: String) async throws -> [(String, Int)] {
            let query = sql.select().column(SQLIdentifier(column)).column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from(CaseModel.schema).groupBy(SQLIdentifier(column))
            switch scope {
            case .all: break
            case .subtree(let prefix, let excluded):
                query.where(SQLIdentifier("subject_unit_path"), .like, SQLBind(prefix + "%"))
                if !excluded.isEmpty {
                    query.where { group in
                        group.where(SQLIdentifier("asn_nip"), .is, SQLLiteral.null)
                            .orWhere(SQLIdentifier("asn_nip"), .notIn, SQLBind.group(Array(excluded)))
                    }
                }
            case .source(let source): query.where(SQLIdentifier("source"), .equal, SQLBind(source))
            case .nothing: return []
            }
            return try await query.all().map { (try $0.decode(column: column, as: String.self), try $0.decode(column: "n", as: Int.self)) }
        }
        var figures = CaseFigures()
        let statuses = Dictionary(try await grouped("status"), uniquingKeysWith: +)
        figures.byStatus = CaseStatus.allCases.compactMap { status in statuses[status.rawValue].map { (status, $0) } }
        var behaviours: [Behaviour: Int] = [:]
        for (list, count) in try await grouped("behaviours") {
            for behaviour in list.split(separator: ",").compactMap({ Behaviour(rawValue: String($0)) }) { behaviours[behaviour, default: 0] += count }
        }
        figures.byBehaviour = behaviours.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.map { ($0.key, $0.value) }
        var phases: [ElectionPhase: Int] = [:], weeks: [LocalDate: Int] = [:]
        for (day, count) in try await grouped("opened_on") {
            guard let date = LocalDate(iso8601: day) else { continue }
            phases[calendar.phase(on: date), default: 0] += count
            weeks[date.adding(days: 1 - date.isoWeekday), default: 0] += count
        }
        figures.byPhase = ElectionPhase.allCases.compactMap { phase in phases[phase].map { (phase, $0) } }
        figures.byWeek = weeks.sorted { $0.key.dayNumber < $1.key.dayNumber }.map { ($0.key, $0.value) }
        return figures
    }
}
