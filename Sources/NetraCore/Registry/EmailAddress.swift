/// A deliberately plain check: one "@", a local part without spaces, a dotted domain of letters,
/// digits and hyphens. It catches the typos found in exports ("a@@b", "a.gmail.com", "b,go.id").
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let local = parts[0], domain = parts[1]
        let localAllowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "._%+-'".contains($0)) }
        guard local.allSatisfy(localAllowed), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return false }
        }
        return labels.last!.count >= 2 && labels.last!.allSatisfy(\.isLetter)
    }
}
