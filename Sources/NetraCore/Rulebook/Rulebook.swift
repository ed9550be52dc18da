import Foundation
import Yams

/// A rulebook file that could not be read, with where the fault is.
public struct RulebookError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let field: String
    public let problem: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(field.isEmpty ? "" : "\(field): ")\(problem)"
    }
}

/// Every rule of every instrument, as loaded from the YAML files (one file per instrument).
public struct Rulebook: Sendable {
    public let instruments: [Instrument]
    public let rules: [Rule]

    private struct File: Decodable {
        let instrument: Instrument
        let rules: [Rule]
    }

    /// Parses rulebook files given as (name, YAML text).
    public static func load(files: [(name: String, text: String)]) throws -> Rulebook {
        var instruments: [Instrument] = []
        var rules: [Rule] = []
        var seen = Set<String>()
        for (name, text) in files {
            let node: Node
            do {
                guard let composed = try Yams.compose(yaml: text) else {
                    throw RulebookError(file: name, line: nil, field: "", problem: "berkas kosong")
                }
                node = composed
            } catch let error as YamlError {
                throw RulebookError(file: name, line: nil, field: "", problem: "YAML tidak sah: \(error)")
            }
            let file: File
            do {
                file = try YAMLDecoder().decode(File.self, from: node)
            } catch let error as DecodingError {
                throw describe(error, file: name, root: node)
            }
            for var rule in file.rules {
                guard seen.insert(rule.id).inserted else {
                    throw RulebookError(file: name, line: line(of: ["rules"], in: node), field: "id", problem: "id aturan \(rule.id) ganda")
                }
                rule.instrument = file.instrument.short
                if rule.appliesTo.isEmpty { rule.appliesTo = file.instrument.appliesTo }
                if rule.elections.isEmpty { rule.elections = file.instrument.elections ?? [] }
                rules.append(rule)
            }
            instruments.append(file.instrument)
        }
        return Rulebook(instruments: instruments, rules: rules)
    }

    /// The rulebook that ships with Netra.
    public static func bundled() throws -> Rulebook {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Rulebook")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try load(files: names.map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) })
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// A citation as it holds for a person of `status`: a provision of a discipline law that does not apply to
    /// them (PP 94/2021 for a PPPK) reads as the one that does, with whether that one is confirmed.
    public func citation(_ citation: String, for status: EmploymentStatus) -> (text: String, confirmed: Bool) {
        guard let owner = instruments.first(where: { citation.hasPrefix($0.short) }), !owner.appliesTo.contains(status),
              let standIn = instruments.first(where: { $0.appliesTo.contains(status) && $0.discipline?.replaces == owner.short })?.discipline else {
            return (citation, true)
        }
        return (standIn.citation, standIn.confirmed)
    }

    public func rules(for behaviour: Behaviour) -> [Rule] { rules.filter { $0.behaviour == behaviour } }

    private static func describe(_ error: DecodingError, file: String, root: Node) -> RulebookError {
        let (path, problem): ([any CodingKey], String) = switch error {
        case .keyNotFound(let key, let context): (context.codingPath + [key], "wajib diisi")
        case .typeMismatch(_, let context): (context.codingPath, "jenis nilai salah: \(context.debugDescription)")
        case .valueNotFound(_, let context): (context.codingPath, "nilai kosong")
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "\(error)")
        }
        let field = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return RulebookError(file: file, line: line(of: path.map { $0.intValue.map(String.init) ?? $0.stringValue }, in: root),
                             field: field, problem: problem)
    }

    /// The line of the deepest node along `path` that exists (1-based).
    private static func line(of path: [String], in root: Node) -> Int? {
        var node = root
        var line = root.mark.map { $0.line }
        for component in path {
            if let index = Int(component), let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let mapping = node.mapping, let child = mapping[component] {
                node = child
            } else {
                break
            }
            if let mark = node.mark { line = mark.line }
        }
        return line
    }
}

extension Rulebook {
    /// The sanction levels on the ASN that the rules for these behaviours provide, for the decision step.
    public func sanctionLevels(for behaviours: [Behaviour]) -> Set<SanctionLevel> {
        Set(rules.filter { behaviours.contains($0.behaviour) }.flatMap(\.sanctions)
            .filter { $0.subject == .asn && $0.level != .administratif }.map(\.level))
    }
}
