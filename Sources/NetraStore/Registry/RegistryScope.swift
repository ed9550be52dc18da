import Foundation

/// The part of the registry a viewer may see: everything, a unit subtree (a supervisor), or one
/// person (an ASN looking at their own record).
public enum RegistryScope: Sendable, Equatable {
    case all
    case subtree(path: String)
    case person(nip: String)
    case nothing

    func allows(unitPath: String, nip: String) -> Bool {
        switch self {
        case .all: true
        case .subtree(let prefix): unitPath.hasPrefix(prefix)
        case .person(let own): own == nip
        case .nothing: false
        }
    }
}
