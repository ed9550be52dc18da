/// A small CSV file whose header names its columns (units, wilayah): where each known column stands, and
/// each record's cell by column, trimmed. The ASN export has its own streaming reader; these files are small.
struct ColumnTable<Column: RawRepresentable & CaseIterable & Hashable, Source: ByteSource> where Column.RawValue == String {
    private var reader: CSVReader<Source>
    private let positions: [Column: Int]

    /// Reads the header; a required column it lacks is refused, naming the columns the file should have.
    init(_ source: Source, required: [Column], expected: String) throws(RegistryFileError) {
        reader = CSVReader(source: source)
        guard let header = try reader.next(mappingErrors: RegistryFileError.init(reading:)) else { throw .header(.emptyFile) }
        var positions: [Column: Int] = [:]
        for (position, cell) in header.fields.enumerated() {
            if let column = Column(rawValue: RegistryColumn.headerKey(cell)), positions[column] == nil { positions[column] = position }
        }
        let missing = required.filter { positions[$0] == nil }
        guard missing.isEmpty else {
            throw .unreadable("kolom wajib tidak ada di baris judul: \(missing.map(\.rawValue).joined(separator: ", ")) (kolom: \(expected)).")
        }
        self.positions = positions
    }

    /// The next record that is not blank: its line and a cell reader, or nil at the end.
    mutating func next() throws(RegistryFileError) -> (line: Int, cell: (Column) -> String)? {
        while let record = try reader.next(mappingErrors: RegistryFileError.init(reading:)) {
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            let positions = self.positions
            return (record.line, { column in
                guard let position = positions[column], position < record.fields.count else { return "" }
                return record.fields[position].trimmingSpaces
            })
        }
        return nil
    }
}
