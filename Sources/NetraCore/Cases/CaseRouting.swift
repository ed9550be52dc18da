/// Who handles a case: the atasan langsung of the reported ASN — the head of their unit, or, when
/// they head that unit themselves (or supervise it through their account), the head of the unit above.
/// Escalation moves one level up.
public enum CaseRouting {
    /// A unit on the path from the perangkat daerah down to the reported person's unit.
    public struct UnitLevel: Sendable, Equatable {
        public let unitID: String
        public let headNIP: String?
        /// NIPs of the accounts that supervise the unit besides its recorded head (an acting head named on an account).
        public let otherHandlers: Set<String>
        /// Whether any account supervises the unit, with or without a NIP: such a unit has someone to act.
        public let hasAccount: Bool

        public init(unitID: String, headNIP: String?, otherHandlers: Set<String> = [], hasAccount: Bool = false) {
            self.unitID = unitID
            self.headNIP = headNIP
            self.otherHandlers = otherHandlers
            self.hasAccount = hasAccount || !otherHandlers.isEmpty
        }

        /// Nobody to act here: no recorded head and no account.
        var isVacant: Bool { headNIP == nil && !hasAccount }

        /// Whether the reported person would be the one handling a case sitting here.
        func isHandled(by nip: String?) -> Bool {
            guard let nip else { return false }
            return headNIP == nip || otherHandlers.contains(nip)
        }
    }

    /// Where the case sits: a unit whose head supervises it, or the PPK when no unit above is left.
    public enum Assignee: Sendable, Equatable {
        case unit(String)
        case ppk
    }

    /// `path` runs from the root (perangkat daerah) to the person's own unit.
    public static func assignee(reportedNIP: String?, path: [UnitLevel]) -> Assignee {
        var index = path.count - 1
        // Skip units the reported person heads or supervises through their account, and units without a head to act.
        while index >= 0 && (path[index].isVacant || path[index].isHandled(by: reportedNIP)) {
            index -= 1
        }
        return index >= 0 ? .unit(path[index].unitID) : .ppk
    }

    /// One level up from `current`, for an overdue case.
    public static func escalate(from current: Assignee, path: [UnitLevel], reportedNIP: String?) -> Assignee {
        guard case .unit(let unitID) = current, let index = path.firstIndex(where: { $0.unitID == unitID }) else { return .ppk }
        return assignee(reportedNIP: reportedNIP, path: Array(path[..<index]))
    }
}
