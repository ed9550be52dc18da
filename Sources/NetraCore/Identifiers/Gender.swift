/// Jenis kelamin as the registry records it: L (laki-laki) or P (perempuan).
public enum Gender: String, Sendable, Codable, CaseIterable {
    case male = "L"
    case female = "P"

    /// Accepts the spellings BKPSDM exports use; nil for anything else.
    public init?(registryValue raw: String) {
        switch raw.trimmingSpaces.lowercased() {
        case "l", "lk", "laki-laki", "laki laki", "lakilaki", "pria", "m", "male": self = .male
        case "p", "pr", "perempuan", "wanita", "f", "female": self = .female
        default: return nil
        }
    }
}

/// Kind of appointment. The NIP layout depends on it: a PPPK number puts a contract count where a PNS
/// number has the TMT month.
public enum EmploymentStatus: String, Sendable, Codable, CaseIterable {
    case pns = "PNS"
    case cpns = "CPNS"
    case pppk = "PPPK"

    public init?(registryValue raw: String) {
        switch raw.trimmingSpaces.uppercased() {
        case "PNS": self = .pns
        case "CPNS": self = .cpns
        case "PPPK", "P3K": self = .pppk
        default: return nil
        }
    }

    var nipLayout: NIP.Layout { self == .pppk ? .pppk : .pns }
}
