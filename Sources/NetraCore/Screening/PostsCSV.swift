/// Posts exported as CSV (id, platform, author, kind, posted_at, text, target_author, target_text), streamed.
public struct PostsCSVFile<Source: ByteSource> {
    private var reader: CSVReader<Source>
    private let columns: NamedColumns
    private let name: String

    public init(source: Source, name: String) throws(MatchFileError) {
        reader = CSVReader(source: source)
        self.name = name
        guard let header = try reader.next(mappingErrors: MatchFileError.reading(name)) else { throw .empty(name) }
        columns = NamedColumns(header: header.fields)
        let missing = columns.missing(["id", "text"])
        if !missing.isEmpty { throw .missingColumns(file: name, columns: missing) }
    }

    public mutating func next() throws(MatchFileError) -> ScreenedPost? {
        guard let record = try reader.next(mappingErrors: MatchFileError.reading(name)) else { return nil }
        let columns = self.columns
        let cell = { (column: String) -> String? in
            let value = columns.value(column, in: record.fields)
            return value.isEmpty ? nil : value
        }
        let target = (cell("target_author") != nil || cell("target_text") != nil)
            ? ScreenedPost.Target(author: cell("target_author"), text: cell("target_text")) : nil
        return ScreenedPost(id: cell("id") ?? "baris-\(record.line)", kind: cell("kind"), author: cell("author"), text: cell("text"), target: target,
                            platform: cell("platform"), postedAt: cell("posted_at"))
    }
}
