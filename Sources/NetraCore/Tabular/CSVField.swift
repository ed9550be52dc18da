/// Writing one CSV cell: quoted when it holds a delimiter, quote or line break; with `formulaSafe`, a
/// leading = + - @ is neutralized so a spreadsheet shows it instead of running it.
public enum CSVField {
    public static func escaped(_ value: String, formulaSafe: Bool = false) -> String {
        var text = value
        if formulaSafe, let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
