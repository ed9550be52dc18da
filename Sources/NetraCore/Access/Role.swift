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
    /// See an ASN's birth date, e-mail, phone and social-media accounts (not Bawaslu: it oversees the
    /// election, not the civil service, and needs names, positions and units only).
    case viewPersonalDetails
    /// Download a reporter's file as it was sent, metadata and all (the admin, with a recorded reason).
    case viewOriginalEvidence
    /// Upload and import registry exports.
    case importRegistry
    /// Verify incoming reports into cases, or reject them with a reason.
    case triageReports
    /// See cases (admin and PPK all; supervisors their subtree; Bawaslu its referrals).
    case viewCases
    /// Summon and examine: the supervisor the case is routed to, or the admin.
    case examineCase
    /// Propose the sanction.
    case recommendSanction
    /// Decide the sanction and sign (the PPK).
    case decideSanction
    /// Record that the sanction was carried out, close or dismiss cases.
    case closeCase
    /// See who reported (every viewing is logged).
    case viewReporterIdentity
    /// Refer a case from Bawaslu (penerusan).
    case referCase
    /// Sign one's own neutrality pledge (an account linked to a NIP).
    case signPledge
    /// Record a pledge signed on paper, with its scan (supervisors within their subtree).
    case recordPledge
    /// See prevention coverage and blind spots (supervisors for their subtree).
    case viewCoverage
    /// Record a socialization and its attendees (BKPSDM, Bawaslu, supervisors for their subtree).
    case recordSocialization
    /// Issue a circular to every perangkat daerah (BKPSDM).
    case issueCircular
    /// Acknowledge a circular for one's own unit, forwarding it below (unit heads).
    case acknowledgeCircular
    /// Make, disable and reset accounts, and import the units tree (BKPSDM).
    case manageAccounts
    /// Set the region's letterhead, signers and numbering, and see what is missing before going live (BKPSDM).
    case configureRegion
    /// See every e-mail notification and how its delivery went (BKPSDM).
    case viewDeliveries
    /// See supervision statements: the roll-up (BKPSDM, PPK) or a head's own subtree.
    case viewSupervision
    /// File one's unit's supervision statement and mark a unit below as not come in (unit heads).
    case fileSupervisionStatement
}

extension Role {
    public func may(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, .referCase), (.admin, .decideSanction), (.admin, .signPledge), (.admin, .acknowledgeCircular),
             (.admin, .fileSupervisionStatement): false
        case (.admin, _): true
        case (_, .viewRegistry): true
        case (.supervisor, .viewCases), (.supervisor, .examineCase), (.supervisor, .signPledge), (.supervisor, .recordPledge),
             (.supervisor, .viewCoverage), (.ppk, .viewCoverage), (.supervisor, .recordSocialization), (.bawaslu, .recordSocialization),
             (.supervisor, .acknowledgeCircular), (.supervisor, .viewSupervision), (.supervisor, .fileSupervisionStatement),
             (.ppk, .viewSupervision): true
        case (.asn, .signPledge), (.supervisor, .viewPersonalDetails), (.ppk, .viewPersonalDetails), (.asn, .viewPersonalDetails): true
        case (.ppk, .viewCases), (.ppk, .decideSanction): true
        case (.bawaslu, .viewCases), (.bawaslu, .referCase): true
        default: false
        }
    }
}
