/// Who a signed-in person is to Netra. Supervisors are further limited to one unit subtree.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin, supervisor, ppk, bawaslu, asn

    /// The role's name as the UI shows it.
    public var title: String {
        switch self {
        case .admin: "Tim Netralitas BKPSDM"
        case .supervisor: "Atasan / Kepala Perangkat Daerah"
        case .ppk: "Pejabat Pembina Kepegawaian"
        case .bawaslu: "Bawaslu"
        case .asn: "ASN"
        }
    }
}

/// One action a role may or may not take. Checked per action, never as a single "manage" switch.
public enum Permission: String, Sendable, CaseIterable {
    /// See the registry: the whole of it, or a supervisor's subtree.
    case viewRegistry
    /// See full NIK numbers instead of masked ones.
    case viewNIK
    /// Upload and import registry exports.
    case importRegistry
}

extension Role {
    public func may(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, _): true
        case (.supervisor, .viewRegistry), (.ppk, .viewRegistry), (.bawaslu, .viewRegistry), (.asn, .viewRegistry): true
        case (_, .viewNIK), (_, .importRegistry): false
        }
    }
}
