/// Indonesian wording that turns a mention into support, an attack or a call, and the wording of
/// neutral or everyday posts that only look partisan.
enum ScreeningCues {
    static let calls: [[String]] = [["coblos"], ["nyoblos"], ["pilih"], ["pilihlah"], ["jangan", "lupa"], ["ayo"], ["gas"], ["yuk"], ["mari"],
                                    ["angkat"], ["menangkan"]]
    static let explicitSupport: [[String]] = [
        ["dukung"], ["mendukung"], ["kita", "dukung"], ["siap", "menangkan"], ["pilihan", "saya"], ["saya", "pilih"], ["pasti", "pilih"],
        ["semoga", "terpilih"], ["jadi", "gubernur"], ["jadi", "bupati"], ["pokoknya"], ["lanjutkan"], ["paling", "pas"], ["paling", "layak"],
        ["paling", "menguasai"], ["cocok"], ["kami", "tunggu"], ["haja"],
        ["butuh", "pemimpin"], ["pasti"], ["kada", "usah", "ragu"], ["aku", "sih"], ["lbh", "bersih"], ["serius"], ["selamat"],
    ]
    static let attacks: [[String]] = [
        ["janji", "doang"], ["janji", "manis"], ["ngomong", "doang"], ["yang", "lain"], ["yang", "lain"], ["paslon", "sebelah"], ["jangan", "mau"],
        ["halah"], ["apanya"], ["kabur"], ["gaptek"], ["cuma", "baca"], ["duitnya", "dari", "mana"], ["jualan", "janji"], ["bagi2", "sembako"],
    ]
    static let gifts: [[String]] = [["bagi2"], ["bagi", "bagi"], ["gratis"], ["sembako"], ["titipan"], ["amplop"]]
    static let photo: [[String]] = [["foto", "bareng"], ["foto", "bersama"], ["selfie"], ["swafoto"], ["ngopi", "bareng"], ["foto", "sama"]]
    static let attributes: [[String]] = [["kaos"], ["kaus"], ["stiker"], ["pin"], ["topi"], ["jilbab"], ["kerudung"], ["rompi"], ["kalender"], ["baju"]]
    static let positive: [[String]] = [
        ["bangga"], ["ramah"], ["idola"], ["semoga"], ["bismillah"], ["realistis"], ["masuk", "akal"], ["harapan"], ["keren"], ["mantul"], ["mantap"],
        ["hebat"], ["srikandi"], ["setuju"], ["kurang", "apa"], ["terbukti"], ["tunggu"], ["siap"], ["adem"], ["dengerin"], ["beliau"], ["akhirnya"],
        ["kerja", "nyata"], ["yang", "tau"], ["yang", "paham"], ["itu", "aja"], ["tetap"], ["baca"], ["penting"], ["nonton"], ["ini"],
    ]
    static let politicalWords: [[String]] = [
        ["coblos"], ["nyoblos"], ["paslon"], ["calon"], ["kampanye"], ["menangkan"], ["gubernur"], ["bupati"], ["pilgub"], ["pilbup"],
        ["pilkada"], ["tps"], ["relawan"], ["pemenangan"], ["27"], ["lusa"], ["besok"], ["debat"], ["survei"], ["elektabilitas"], ["pilihan"],
        ["pemimpin"], ["terpilih"], ["maju"], ["masa", "tenang"], ["bilik", "suara"], ["visi"], ["misi"], ["jenderal"], ["program"],
    ]
    static let neutralWords: [[String]] = [
        ["ketiga", "paslon"], ["kedua", "paslon"], ["semua", "paslon"], ["tiap", "paslon"], ["dua2nya"], ["semuanya"], ["siapapun"], ["siapa", "pun"],
        ["netral"], ["netralitas"], ["dilarang"], ["golput"], ["laporkan"], ["dilaporkan"], ["hoaks"], ["klarifikasi"], ["rahasia"], ["kpu"],
        ["bawaslu"], ["tolak", "politik", "uang"], ["kampanye", "damai"], ["sama2", "punya"], ["masing2"], ["ditertibkan"], ["semrawut"],
    ]
    static let teamWords: [[String]] = [["relawan"], ["pemenangan"], ["tim"], ["barisan"], ["sahabat"], ["coblos"], ["calon"], ["paslon"]]

    /// Pair numbers written out ("2", "02", "dua", "ke2"); a plain one counts only after one of `numberPrefixes`.
    static let numberValues: [String: Int] = ["1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "ke2": 2]
    static let numberPrefixes = ["nomor", "paslon", "nomer", "urut"]
}
