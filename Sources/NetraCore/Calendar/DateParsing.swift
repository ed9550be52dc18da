extension LocalDate {
    /// Strict `YYYY-MM-DD`, for machine input (APIs, JSONL).
    public init?(iso8601 text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` read straight from bytes (a CSV cell), for the common case of machine-written files.
    public init?<Bytes: Collection<UInt8>>(iso8601Bytes bytes: Bytes) where Bytes.Index == Int {
        guard bytes.count == 10 else { return nil }
        let start = bytes.startIndex
        guard bytes[start + 4] == 45, bytes[start + 7] == 45 else { return nil }
        // Read without building arrays: a registry of a million birth dates goes through here.
        func number(_ offsets: Range<Int>) -> Int? {
            var value = 0
            for offset in offsets {
                let digit = bytes[start + offset] &- 48
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// A date as people type it in Indonesian spreadsheets: `yyyy-mm-dd`, day-first `dd/mm/yyyy`,
    /// `dd-mm-yyyy`, `dd.mm.yyyy`, or with a month name ("1 Februari 1980", "1 Feb 1980", "01-Feb-1980").
    /// Day-first is the Indonesian convention: 03/04/1980 is 3 April 1980.
    public init?(humanInput raw: String) {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { return nil }
        let tokens = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " || $0 == "," })
            .map(String.init)
        guard tokens.count == 3 else { return nil }
        if let first = Int(tokens[0]), tokens[0].count == 4 {
            guard let month = Int(tokens[1]) ?? LocalDate.monthNumber(tokens[1]), let day = Int(tokens[2]) else { return nil }
            self.init(year: first, month: month, day: day)
            return
        }
        guard let day = Int(tokens[0]), tokens[2].count == 4, let year = Int(tokens[2]),
              let month = Int(tokens[1]) ?? LocalDate.monthNumber(tokens[1]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Month names in Indonesian and English, full or abbreviated to three letters.
    static func monthNumber(_ name: String) -> Int? {
        let key = name.lowercased()
        let names: [[String]] = [
            ["januari", "january", "jan"], ["februari", "february", "pebruari", "feb", "peb"],
            ["maret", "march", "mar"], ["april", "apr"], ["mei", "may"], ["juni", "june", "jun"],
            ["juli", "july", "jul"], ["agustus", "august", "agu", "agt", "aug"],
            ["september", "sep", "sept"], ["oktober", "october", "okt", "oct"],
            ["november", "nopember", "nov", "nop"], ["desember", "december", "des", "dec"],
        ]
        return names.firstIndex(where: { $0.contains(key) }).map { $0 + 1 }
    }
}

extension LocalDate {
    private static let indonesianMonths = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                                           "September", "Oktober", "November", "Desember"]

    /// "14 September 1973", as Indonesian letters write dates.
    public var indonesianLong: String { "\(day) \(LocalDate.indonesianMonths[month - 1]) \(year)" }

    /// "Senin" … "Minggu".
    public var indonesianWeekday: String { ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][isoWeekday - 1] }
}
