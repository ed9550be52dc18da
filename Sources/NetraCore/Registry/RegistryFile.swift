public enum RegistryFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case csv(CSVError)
    case header(RegistryHeader.Problem)
    case unreadable(String)

    init(reading error: any Error) {
        self = (error as? CSVError).map(RegistryFileError.csv) ?? .unreadable(String(describing: error))
    }

    public var description: String {
        switch self {
        case .csv(.invalidUTF8(let line)): "Baris \(line) bukan teks UTF-8 yang sah; simpan berkas sebagai \"CSV UTF-8\"."
        case .csv(.unterminatedQuote(let line)): "Tanda kutip yang dibuka di baris \(line) tidak pernah ditutup."
        case .unreadable(let reason): "Berkas tidak dapat dibaca: \(reason)"
        case .header(.emptyFile): "Berkas kosong: baris judul kolom tidak ditemukan."
        case .header(.missingColumns(let columns)):
            "Kolom wajib tidak ada di baris judul: \(columns.map(\.rawValue).joined(separator: ", "))."
        }
    }
}

/// Streams a registry CSV: the header first, then each row validated. Memory stays flat whatever the
/// file's length (apart from the set of NIPs seen, 8 bytes and a line number each).
public struct RegistryFile<Source: ByteSource> {
    private var reader: CSVReader<Source>
    private var validator: RegistryRowValidator

    public init(source: Source) throws(RegistryFileError) {
        reader = CSVReader(source: source)
        guard let first = try reader.next(mappingErrors: RegistryFileError.init(reading:)) else { throw .header(.emptyFile) }
        do { validator = RegistryRowValidator(header: try RegistryHeader(fields: first.fields)) } catch { throw .header(error) }
    }

    public mutating func next() throws(RegistryFileError) -> RegistryRow? {
        guard let record = try reader.next(mappingErrors: RegistryFileError.init(reading:)) else { return nil }
        return RegistryRow(line: record.line, outcome: validator.validate(record))
    }
}

public struct RegistryRow: Sendable {
    public let line: Int
    public let outcome: RegistryRowValidator.Outcome
}

/// The summary `netra registry validate --json` prints.
public struct RegistryValidationReport: Sendable, Codable, Equatable {
    public var rows = 0
    public var accepted = 0
    public var errors: [RegistryProblem] = []

    public init() {}

    public mutating func add(_ row: RegistryRow) {
        rows += 1
        switch row.outcome {
        case .accepted: accepted += 1
        case .rejected(let problems): errors += problems
        }
    }

    public static func validate(_ source: some ByteSource) throws(RegistryFileError) -> RegistryValidationReport {
        var file = try RegistryFile(source: source)
        var report = RegistryValidationReport()
        while let row = try file.next() { report.add(row) }
        return report
    }
}
