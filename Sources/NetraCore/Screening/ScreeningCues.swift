/// Indonesian wording that turns a mention into support, an attack or a call, and the wording of
/// neutral or everyday posts that only look partisan.
enum ScreeningCues {
    static let calls: [ScreeningText.Phrase] = [["coblos"], ["nyoblos"], ["pilih"], ["pilihlah"], ["jangan", "lupa"], ["ayo"], ["gas"], ["yuk"], ["mari"],
                                    ["angkat"], ["menangkan"]]
    static let explicitSupport: [ScreeningText.Phrase] = [
        ["dukung"], ["mendukung"], ["kita", "dukung"], ["siap", "menangkan"], ["pilihan", "saya"], ["saya", "pilih"], ["pasti", "pilih"],
        ["semoga", "terpilih"], ["jadi", "gubernur"], ["jadi", "bupati"], ["pokoknya"], ["lanjutkan"], ["paling", "pas"], ["paling", "layak"],
        ["paling", "menguasai"], ["cocok"], ["kami", "tunggu"], ["haja"],
        ["butuh", "pemimpin"], ["pasti"], ["kada", "usah", "ragu"], ["aku", "sih"], ["lbh", "bersih"], ["serius"], ["selamat"],
    ]
    static let attacks: [ScreeningText.Phrase] = [
        ["janji", "doang"], ["janji", "manis"], ["ngomong", "doang"], ["yang", "lain"], ["yang", "lain"], ["paslon", "sebelah"], ["jangan", "mau"],
        ["halah"], ["apanya"], ["kabur"], ["gaptek"], ["cuma", "baca"], ["duitnya", "dari", "mana"], ["jualan", "janji"], ["bagi2", "sembako"],
    ]
    static let gifts: [ScreeningText.Phrase] = [["bagi2"], ["bagi", "bagi"], ["gratis"], ["sembako"], ["titipan"], ["amplop"]]
    static let photo: [ScreeningText.Phrase] = [["foto", "bareng"], ["foto", "bersama"], ["selfie"], ["swafoto"], ["ngopi", "bareng"], ["foto", "sama"]]
    static let attributes: [ScreeningText.Phrase] = [["kaos"], ["kaus"], ["stiker"], ["pin"], ["topi"], ["jilbab"], ["kerudung"], ["rompi"], ["kalender"], ["baju"]]
    static let positive: [ScreeningText.Phrase] = [
        ["bangga"], ["ramah"], ["idola"], ["semoga"], ["bismillah"], ["realistis"], ["masuk", "akal"], ["harapan"], ["keren"], ["mantul"], ["mantap"],
        ["hebat"], ["srikandi"], ["setuju"], ["kurang", "apa"], ["terbukti"], ["tunggu"], ["siap"], ["adem"], ["dengerin"], ["beliau"], ["akhirnya"],
        ["kerja", "nyata"], ["yang", "tau"], ["yang", "paham"], ["itu", "aja"], ["tetap"], ["baca"], ["penting"], ["nonton"], ["ini"],
    ]
    static let politicalWords: [ScreeningText.Phrase] = [
        ["coblos"], ["nyoblos"], ["paslon"], ["calon"], ["kampanye"], ["menangkan"], ["gubernur"], ["bupati"], ["pilgub"], ["pilbup"],
        ["pilkada"], ["tps"], ["relawan"], ["pemenangan"], ["27"], ["lusa"], ["besok"], ["debat"], ["survei"], ["elektabilitas"], ["pilihan"],
        ["pemimpin"], ["terpilih"], ["maju"], ["masa", "tenang"], ["bilik", "suara"], ["visi"], ["misi"], ["jenderal"], ["program"],
    ]
    static let neutralWords: [ScreeningText.Phrase] = [
        ["ketiga", "paslon"], ["kedua", "paslon"], ["semua", "paslon"], ["tiap", "paslon"], ["dua2nya"], ["semuanya"], ["siapapun"], ["siapa", "pun"],
        ["netral"], ["netralitas"], ["dilarang"], ["golput"], ["laporkan"], ["dilaporkan"], ["hoaks"], ["klarifikasi"], ["rahasia"], ["kpu"],
        ["bawaslu"], ["tolak", "politik", "uang"], ["kampanye", "damai"], ["sama2", "punya"], ["masing2"], ["ditertibkan"], ["semrawut"],
    ]
    static let teamWords: [ScreeningText.Phrase] = [["relawan"], ["pemenangan"], ["tim"], ["barisan"], ["sahabat"], ["coblos"], ["calon"], ["paslon"]]

    static func find(_ phrases: [ScreeningText.Phrase], in text: ScreeningText) -> [(Int, Int)] {
        phrases.flatMap { phrase in text.find(phrase).map { (text.tokens[$0.first].start, text.tokens[$0.last].end) } }.sorted { $0.0 < $1.0 }
    }

    static func political(_ text: ScreeningText) -> Bool { !find(politicalWords, in: text).isEmpty }
    static func neutral(_ text: ScreeningText) -> Bool { !find(neutralWords, in: text).isEmpty }
    static func team(_ text: ScreeningText) -> Bool { !find(teamWords, in: text).isEmpty }

    /// Pair numbers written out: "nomor 2", "no urut dua", "paslon 3", "02", "3️⃣".
    static func numbers(in text: ScreeningText) -> [(Int, (Int, Int))] {
        let values: [String: Int] = ["1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "ke2": 2]
        var found: [(Int, (Int, Int))] = []
        let tokens = text.tokens
        for (index, token) in tokens.enumerated() {
            guard let value = values[token.text] else { continue }
            let previous = index > 0 ? tokens[index - 1].text : ""
            let before = index > 1 ? tokens[index - 2].text : ""
            let padded = token.text.hasPrefix("0")
            if ["nomor", "paslon", "nomer", "urut"].contains(previous) || (previous == "urut" && before == "nomor") || padded || token.text == "ke2" {
                found.append((value, (token.start, token.end)))
            }
        }
        for (digit, value) in [("1", 1), ("2", 2), ("3", 3)] {
            for span in text.occurrences(of: digit + "\u{20E3}") { found.append((value, span)) }
        }
        return found
    }
}
