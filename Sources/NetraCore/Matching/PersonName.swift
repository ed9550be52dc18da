/// Names as they appear on KTP lists and in the registry, reduced to what identifies a person:
/// lower case, without titles and degrees, old spelling made new, spacing and punctuation gone.
public enum PersonName {
    /// Religious, noble and academic titles written before a name.
    static let prefixTitles: Set<String> = [
        "h", "hj", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "kh", "ust", "ustadz", "ustaz", "ustadzah", "tgh", "rd", "raden",
        "r", "drg", "apt", "ns", "bpk", "bapak", "ibu", "sdr", "sdri", "tn", "ny", "nn", "pdt", "romo", "hc",
    ]

    /// Indonesian degree abbreviations, compared without dots ("S.Pd." → "spd").
    static let degrees: Set<String> = [
        "spd", "spdi", "sag", "sh", "se", "sip", "ssos", "st", "skom", "skm", "sked", "skep", "sfarm", "sp", "spt", "ssi", "sak", "sap",
        "sei", "shi", "sthi", "sth", "sos", "ssn", "sds", "sgz", "stp", "shut", "spsi", "sikom", "sstp", "ssit", "str", "strkeb", "sst",
        "amd", "amdkep", "amdkeb", "amdkom", "amdak", "amdrmik", "amdfarm", "amdgz", "ama", "amk", "mpd", "msi", "mm", "mh", "mkes", "map",
        "mt", "mkom", "mag", "mse", "msc", "ma", "mba", "mec", "mecdev", "mpdi", "mhum", "ms", "phd", "dea", "ns", "apt", "spog", "spa",
        "sppd", "spb", "mkm", "mkep", "mtr", "dev", "ec",
    ]

    static let givenNameVariants: [String: String] = [
        "muhamad": "muhammad", "mohammad": "muhammad", "mohamad": "muhammad", "mochammad": "muhammad", "mochamad": "muhammad",
        "muhammat": "muhammad", "moh": "muhammad", "muh": "muhammad", "mhd": "muhammad", "moch": "muhammad", "m": "muhammad",
        "achmad": "ahmad", "akhmad": "ahmad", "ahmat": "ahmad", "abd": "abdul",
    ]

    /// The normalized form: "Hj. Siti Nurjanah, S.Pd., M.Si." → "siti nurjanah".
    public static func normalized(_ raw: String) -> String {
        // Everything after the first comma is degrees ("Budi, S.Pd.").
        let beforeComma = raw.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        var words: [String] = []
        for piece in beforeComma.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }) {
            let compact = String(piece.filter { $0.isLetter })
            guard !compact.isEmpty else { continue }
            let dotted = piece.contains(".")
            if words.isEmpty && prefixTitles.contains(compact) && (dotted || compact.count <= 3 || prefixTitles.contains(compact)) { continue }
            if dotted && degrees.contains(compact) { continue }
            if !words.isEmpty && degrees.contains(compact) && compact.count <= 5 && dotted { continue }
            words.append(compact)
        }
        return words.map { modernSpelling(givenNameVariants[$0] ?? $0) }.joined(separator: " ")
    }

    /// Pre-1972 spelling made modern. In a word that shows the old spelling (dj, tj, sj, oe, initial nj), a
    /// lone "j" is today's "y": "Tjahjono" → "Cahyono", "Djojo" → "Joyo". Elsewhere "j" stays ("Joko",
    /// "Banjar"): "nj" inside a word is modern, only an initial "Nj" is old ("Njoman" → "Nyoman").
    static func modernSpelling(_ word: String) -> String {
        let letters = Array(word.unicodeScalars)
        func pair(_ text: [Unicode.Scalar], _ index: Int, _ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
            index + 1 < text.count && text[index] == first && text[index + 1] == second
        }
        let initialNJ = pair(letters, 0, "n", "j")
        let isOld = initialNJ || oldSpelledGivenNames.contains(word)
            || letters.indices.contains { pair(letters, $0, "d", "j") || pair(letters, $0, "t", "j") || pair(letters, $0, "o", "e") || pair(letters, $0, "s", "j") }
        // First the old consonant digraphs (a "j" they produce is today's j), then the vowel and the loan digraphs.
        var consonants: [Unicode.Scalar] = initialNJ ? ["n", "y"] : []
        var index = initialNJ ? 2 : 0
        while index < letters.count {
            if pair(letters, index, "d", "j") {
                consonants.append("j")
                index += 2
            } else if pair(letters, index, "t", "j") {
                consonants.append("c")
                index += 2
            } else if pair(letters, index, "s", "j") {
                consonants += ["s", "y"]
                index += 2
            } else {
                consonants.append(isOld && letters[index] == "j" ? "y" : letters[index])
                index += 1
            }
        }
        var modern = String.UnicodeScalarView()
        index = 0
        while index < consonants.count {
            if pair(consonants, index, "o", "e") {
                modern.append("u")
                index += 2
            } else if pair(consonants, index, "c", "h") {
                modern.append(contentsOf: ["k", "h"] as [Unicode.Scalar])
                index += 2
            } else if pair(consonants, index, "p", "h") {
                modern.append("f")
                index += 2
            } else {
                modern.append(consonants[index])
                index += 1
            }
        }
        return String(modern)
    }

    /// Common names whose old spelling shows only in the initial "j" (today's "y").
    static let oldSpelledGivenNames: Set<String> = ["jusuf", "jahja", "jakub", "jasin"]

    /// A coarser key: the normalized name without vowels and doubled letters, so "Nurjanah" and
    /// "Nurjannah" or "Siti Aminah" and "Siti Aminnah" meet.
    public static func skeleton(_ normalized: String) -> String {
        normalized.split(separator: " ").map { word -> String in
            var out = ""
            for (index, character) in word.enumerated() {
                if index > 0 && "aeiou".contains(character) { continue }
                if out.last == character { continue }
                out.append(character)
            }
            return out
        }.joined(separator: " ")
    }

    /// Similarity of two normalized names in 0…1: Jaro-Winkler on the names as written and with their
    /// words sorted (so "Siregar Budi" meets "Budi Siregar").
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let direct = JaroWinkler.similarity(a, b)
        let sortedA = a.split(separator: " ").sorted().joined(separator: " ")
        let sortedB = b.split(separator: " ").sorted().joined(separator: " ")
        return max(direct, JaroWinkler.similarity(sortedA, sortedB))
    }
}

/// How many of each letter a normalized name (single spaces between words) holds — a–z, space, anything
/// else — for a cheap upper bound on `PersonName.similarity`: two names cannot match more letters than they
/// have in common, so most people born on the same day are ruled out without comparing names letter by letter.
public struct LetterCounts: Sendable {
    private var counts = SIMD32<UInt8>()
    public private(set) var length = 0

    public init(_ normalized: String) {
        for scalar in normalized.unicodeScalars {
            let value = scalar.value
            let bucket = value >= 97 && value <= 122 ? Int(value - 97) : (value == 32 ? 26 : 27)
            if counts[bucket] < 255 { counts[bucket] += 1 }
            length += 1
        }
    }

    /// The highest `PersonName.similarity` the two names could reach: Jaro with every shared letter matched
    /// and no transposition, plus the longest Winkler prefix bonus.
    public func similarityBound(_ other: LetterCounts) -> Double {
        guard length > 0, other.length > 0 else { return length == other.length ? 1 : 0 }
        let shared = Double(pointwiseMin(counts, other.counts).wrappedSum())
        let jaro = shared == 0 ? 0 : (shared / Double(length) + shared / Double(other.length) + 1) / 3
        return jaro + Double(JaroWinkler.longestPrefix) * JaroWinkler.prefixScale * (1 - jaro)
    }
}

/// The Jaro-Winkler string similarity, tolerant of transposed and missing letters.
public enum JaroWinkler {
    /// Winkler's bonus: this much per leading letter in common, for at most `longestPrefix` letters.
    static let prefixScale = 0.1
    static let longestPrefix = 4

    public static func similarity(_ first: String, _ second: String) -> Double {
        let a = Array(first.unicodeScalars), b = Array(second.unicodeScalars)
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA = [Bool](repeating: false, count: a.count)
        var matchedB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in 0..<a.count {
            let start = max(0, i - window), end = min(b.count - 1, i + window)
            guard start <= end else { continue }
            for j in start...end where !matchedB[j] && a[i] == b[j] {
                matchedA[i] = true
                matchedB[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var k = 0
        for i in 0..<a.count where matchedA[i] {
            while !matchedB[k] { k += 1 }
            if a[i] != b[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(longestPrefix, min(a.count, b.count)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }
}
