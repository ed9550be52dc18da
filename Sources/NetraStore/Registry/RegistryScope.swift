import Foundation

/// The part of the registry a viewer may see: everything, a unit subtree (a supervisor), or one
/// person (an ASN looking at their own record).
public enum RegistryScope: Sendable, Equatable {
    case all
    case subtree(path: String)
    case person(nip: String)
    case nothing

    /// Whether a whole unit is visible (a person scope sees no unit as such).
    public func allowsUnit(path: String) -> Bool {
        switch self {
        case .all: true
        case .subtree(let prefix): path.hasPrefix(prefix)
        case .person, .nothing: false
        }
    }

    public func allows(unitPath: String, nip: String) -> Bool {
        switch self {
        case .all: true
        case .subtree(let prefix): unitPath.hasPrefix(prefix)
        case .person(let own): own == nip
        case .nothing: false
        }
    }
}
