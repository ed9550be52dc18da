/// What a password must be before Netra stores its hash: long enough, not the username, not one of the
/// passwords that are tried first when an account is attacked. bcrypt reads only the first 72 bytes, so a
/// longer password is refused rather than silently cut.
public enum PasswordPolicy {
    public static let minimumLength = 8
    public static let maximumBytes = 72

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort
        case tooLong
        case sameAsUsername
        case common
        case mismatch

        public var description: String {
            switch self {
            case .tooShort: "Kata sandi minimal \(PasswordPolicy.minimumLength) karakter."
            case .tooLong: "Kata sandi paling banyak \(PasswordPolicy.maximumBytes) byte."
            case .sameAsUsername: "Kata sandi tidak boleh sama dengan nama pengguna."
            case .common: "Kata sandi ini termasuk yang paling sering dipakai dan mudah ditebak; pilih yang lain."
            case .mismatch: "Ulangan kata sandi tidak sama."
            }
        }
    }

    /// The first problem of `password` for the account `username`, or nil when it may be used.
    public static func problem(password: String, username: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        let folded = password.lowercased()
        if folded == username.lowercased() { return .sameAsUsername }
        if commonPasswords.contains(folded) || Set(folded).count == 1 { return .common }
        return nil
    }

    /// The commonest passwords in published leak lists, with the Indonesian favourites among them, as they
    /// are typed (compared in lower case).
    static let commonPasswords: Set<String> = [
        "12345678", "123456789", "1234567890", "12345678910", "123123123", "11223344", "12341234", "87654321", "98765432",
        "00000000", "11111111", "88888888", "99999999", "12121212", "qwertyui", "qwerty123", "qwertyuiop", "1q2w3e4r",
        "1qaz2wsx", "zaq12wsx", "asdfghjk", "asdf1234", "password", "password1", "password123", "passw0rd", "p@ssw0rd",
        "iloveyou", "sunshine", "princess", "football", "baseball", "superman", "starwars", "whatever", "trustno1",
        "letmein1", "welcome1", "welcome123", "abc12345", "abcd1234", "admin123", "admin1234", "administrator",
        "rahasia", "rahasia1", "rahasia123", "katasandi", "katasandi1", "katasandi123", "sandi123", "bismillah",
        "bismillah1", "bismillah123", "alhamdulillah", "indonesia", "indonesia1", "indonesia123", "merdeka45",
        "merahputih", "sayangku", "sayang123", "cintaku", "aku12345", "jakarta1", "garuda123", "pancasila",
        "selamat123", "netra123", "netralitas", "pemilu2024", "pilkada2024", "bkpsdm123", "pemkab123",
    ]
}

/// A sign-in name: 3 to 32 of a–z, 0–9, dot, dash or underscore, starting with a letter or digit. Names
/// are kept in lower case, so "Kadisdik" and "kadisdik" are one account.
public enum Username {
    public static func normalized(_ raw: String) -> String? {
        let name = raw.trimmingSpaces.lowercased()
        let bytes = Array(name.utf8)
        guard (3...32).contains(bytes.count), let first = bytes.first, isLetterOrDigit(first),
              bytes.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else { return nil }
        return name
    }

    public static let rule = "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, tanda hubung atau garis bawah, diawali huruf atau angka."

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
