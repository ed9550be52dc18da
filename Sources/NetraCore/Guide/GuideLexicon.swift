/// The Indonesian words and phrases the guide recognizes, grouped by what they signal. Patterns use
/// `TokenizedText`'s notation (`word*` for suffixed forms, `a|b` for alternatives).
enum GuideLexicon {
    /// A candidate, a pair, or their team: what support is *for*.
    static let candidate = [
        "pasangan calon", "paslon", "bakal calon", "bakal pasangan", "calon bupati", "calon wakil", "calon gubernur", "calon wali",
        "calon walikota", "calon kepala", "calon presiden", "calon wakil presiden", "capres", "cawapres", "calon legislatif", "caleg",
        "calon anggota", "nomor urut", "no urut", "tim pemenangan", "tim sukses", "timses", "tim kampanye", "tim pendukung", "relawan",
        "kandidat", "calon perseorangan", "calon independen", "nomor satu|dua|tiga|empat|lima|1|2|3|4|5|01|02|03|04",
        "calon yang didukung*", "calon yang ia dukung", "pasangan yang",
    ]
    /// Content that is neutral between candidates: official election material or all pairs alike.
    static let neutral = [
        "semua pasangan", "seluruh pasangan", "ketiga pasangan", "kedua pasangan", "keempat pasangan", "kelima pasangan",
        "setiap pasangan", "para pasangan", "semua bakal", "seluruh bakal", "semua calon", "seluruh calon", "mana pun", "manapun",
        "resmi kpu", "resmi milik kpu", "akun resmi pemerintah", "resmi pemerintah", "dari kpu", "milik kpu", "bahan sosialisasi kpu",
    ]
    /// "jangan" is left out: "jangan lupa nomor dua" is an appeal, not a negation.
    static let negators = ["tidak", "tak", "tanpa", "bukan", "belum", "enggan", "menolak", "urung", "batal"]
    /// The person reports a violation to an authority instead of committing one.
    static let reportsViolation = [
        "melaporkan*", "melapor", "mengadukan", "mengadu", "melaporkannya",
    ]
    static let oversightBody = ["bawaslu", "panwaslu", "panwascam", "panwas", "pengawas pemilu", "bkpsdm", "inspektorat", "kasn", "bkn", "gakkumdu", "polisi", "polres"]

    // Campaigns
    static let campaignEvent = [
        "kampanye akbar", "kampanye dialogis", "kampanye tatap muka", "kampanye terbatas", "kampanye terbuka", "rapat umum", "panggung kampanye",
        "lokasi kampanye", "acara kampanye", "kegiatan kampanye", "kampanye pasangan", "kampanye paslon", "kampanye calon", "kampanye bakal",
        "kampanye capres", "kampanye caleg", "kampanye partai", "berkampanye", "kampanye di", "kampanye nomor", "kampanye adik*",
        "kampanye suami*", "kampanye istri*", "kampanye kakak*", "kampanye ayah*", "kampanye ibu*", "kampanye keluarga*",
        "menghadiri kampanye", "hadir di kampanye", "hadir dalam kampanye", "ke kampanye", "dalam kampanye", "peserta kampanye",
        "konvoi kampanye", "pawai kampanye", "berorasi",
    ]
    static let attends = [
        "menghadiri", "hadir", "datang", "ikut", "mengikuti", "bergabung", "turut", "naik", "berada", "duduk", "peserta", "mendampingi",
        "berorasi", "melambaikan", "menyanyikan", "bernyanyi", "berjoget", "bersorak", "meneriakkan", "memimpin rombongan", "membawa rombongan",
        "berdiri", "terlihat", "tampak", "mengibarkan", "tampil", "memberi sambutan", "memberikan sambutan", "menyampaikan sambutan",
    ]
    /// Present at a campaign without taking part, or on duty there.
    static let bystander = [
        "tertahan", "menepi", "tanpa bergabung", "tanpa ikut", "tidak ikut", "tidak bergabung", "kebetulan lewat", "melintas",
        "mengatur lalu lintas", "mengamankan", "meliput", "bertugas mengawasi", "menonton siaran", "menonton di rumah",
        "tidak datang", "tidak hadir", "tidak menghadiri", "batal hadir", "menolak hadir", "menolak datang", "mengawal", "pengamanan",
    ]
    /// Words that make the next verb a request to the person, not something they did ("diminta menghadiri").
    static let requestedOf = ["diminta", "diajak", "disuruh", "diundang", "dipaksa"]
    static let partyOrServiceAttribute = [
        "kaus", "kaos", "topi", "rompi", "jaket", "syal", "bendera partai", "atribut", "berlogo", "logo partai", "seragam dinas", "seragam pns",
        "seragam korpri", "seragam", "tanda pengenal", "id card", "kartu identitas pegawai", "pakaian dinas", "batik korpri", "pin partai",
    ]
    static let mobilizes = [
        "mengajak", "mewajibkan", "mengerahkan", "mengangkut", "memobilisasi", "menginstruksikan", "memerintahkan", "menyuruh", "membawa",
        "memimpin rombongan", "mengumpulkan",
    ]
    /// The public an official can gather: residents and the groups an office works with.
    static let publicGroups = ["warga", "masyarakat", "kelompok*", "petani", "nelayan", "kader*", "ibu ibu", "murid", "siswa", "orang tua", "tokoh", "ketua rt", "ketua rw", "peserta"]
    /// A candidate's gathering that is not a campaign in the legal sense.
    static let candidateGathering = ["acara", "silaturahmi", "temu ramah", "pertemuan", "deklarasi", "sosialisasi", "kampanye", "rapat", "pengajian"]
    static let colleagues = [
        "bawahan*", "staf*", "staff", "pegawai*", "guru guru", "guru", "perawat", "bidan", "anak buah*", "rekan*", "asn", "pns", "pppk",
        "seluruh staf", "karyawan", "anggota*", "honorer", "aparatur", "kepala sekolah", "para kepala",
    ]
    static let stateFacility = [
        "mobil dinas", "kendaraan dinas", "motor dinas", "pelat merah", "plat merah", "berpelat merah", "berplat merah", "bus sekolah",
        "bus milik", "mobil milik", "kendaraan milik", "aula kantor", "aula dinas", "aula kecamatan", "kantor dinas", "gedung kantor",
        "gedung pemerintah", "anggaran", "fasilitas negara", "fasilitas kantor", "fasilitas dinas", "rumah dinas", "mobil operasional",
        "dana desa", "dana kelurahan", "dana bos", "kas daerah", "apbd", "uang negara", "ambulans",
    ]
    /// Words right before a facility that show it is being used (not part of a unit's name, like "Bidang Anggaran").
    static let facilityUse = [
        "menggunakan", "memakai", "mengendarai", "naik", "dengan", "dibayar", "dari", "di", "membawa", "mengangkut", "menumpang",
        "dibiayai", "didanai", "bersumber",
    ]

    // Declarations, symbols, props
    static let declaration = ["deklarasi", "mendeklarasikan"]
    static let declarationOfficial = ["kampanye damai", "deklarasi damai", "deklarasi netralitas", "ikrar netralitas", "apel ikrar"]
    static let photo = ["berfoto*", "foto bersama", "swafoto*", "berswafoto*", "selfie", "berselfie", "difoto", "berpose", "foto dirinya", "memotret diri*"]
    static let handSymbol = [
        "mengacungkan", "acungan", "jari", "jempol", "salam", "simbol", "huruf v", "pose", "gestur", "isyarat", "stiker", "atribut",
        "kaus", "logo partai", "latar partai", "bendera partai",
    ]
    static let campaignProps = [
        "spanduk", "baliho", "stiker", "poster", "bendera", "umbul umbul", "apk", "alat peraga", "banner", "pamflet", "selebaran",
        "brosur", "kalender", "billboard", "reklame",
    ]
    static let installs = ["memasang*", "menempel*", "mendirikan*", "menancapkan*", "menggantung*", "mengizinkan", "dipasang*"]
    static let removes = ["menurunkan", "mencopot", "melepas", "mencabut", "membersihkan", "menertibkan"]

    // Social media
    static let socialAct = [
        "mengunggah*", "unggah", "diunggah*", "mengupload*", "diupload*", "memposting*", "diposting*", "membagikan*", "dibagikan*", "share",
        "repost*", "meneruskan*", "mengirim*", "menyukai*", "like", "tombol suka", "suka", "berkomentar", "komentar", "menulis komentar",
        "mengomentari*", "mengikuti akun", "follow", "mem follow", "bergabung", "admin", "mengelola akun", "mengganti foto profil",
        "foto profil", "twibbon", "memasangnya sebagai status", "status", "story", "siaran langsung", "live", "mencuit*", "cuitan",
        "retweet*", "membuat grup", "membuat akun", "membuat konten", "membuat video", "membuat status", "mengelola grup", "mengelola halaman",
    ]
    /// Acts that put content on social media by themselves, without naming the platform (verbs, not the noun "unggahan").
    static let publishes = ["mengunggah*", "unggah", "diunggah*", "mengupload*", "diupload*", "memposting*", "diposting*", "repost*", "twibbon", "retweet*", "mencuit*"]
    static let socialPlace = [
        "facebook", "fb", "instagram", "ig", "tiktok", "twitter", "x", "whatsapp", "wa", "youtube", "media sosial", "medsos", "grup",
        "status", "story", "akun", "halaman", "laman", "kanal", "telegram", "threads", "twibbon", "foto profil", "unggahan", "postingan",
        "reels", "feed", "pesan whatsapp", "pesan wa",
    ]
    static let supportWords = [
        "dukung*", "mendukung", "dukungan*", "pilih", "pilihlah", "coblos", "menangkan", "memenangkan", "siap memenangkan", "lanjutkan",
        "sudah saatnya", "saatnya", "pemimpin kita", "calon pemimpin", "mantap", "gas terus", "gas", "menang", "terbaik", "jaya", "bersama",
        "tagar", "hashtag", "ayo", "yuk", "semangat", "keren", "hebat", "setuju", "beliau", "kami siap", "siap", "jargon",
    ]

    // KTP support
    static let supportDocument = ["surat dukungan", "formulir dukungan", "form dukungan", "pernyataan dukungan", "b 1 kwk", "b1 kwk", "formulir b"]
    static let identityCard = ["ktp", "ktp el", "e ktp", "fotokopi ktp", "kartu tanda penduduk", "suket"]
    static let gives = ["menyerahkan", "memberikan", "menandatangani", "melampirkan", "mengirim*", "menitipkan", "turut menandatangani", "mengisi", "menyetorkan"]
    static let misusedIdentity = ["dicatut", "mencatut", "pencatutan", "tanpa sepengetahuan", "tanpa izin", "tidak pernah menyerahkan", "tidak pernah memberikan", "menyatakan tidak mendukung", "tidak mendukung"]

    // Partisan activity
    static let appeals = [
        "meminta", "mengajak", "mengimbau", "menghimbau", "menyerukan", "mengarahkan", "menginstruksikan", "memerintahkan", "memastikan",
        "mohon", "memohon", "menyuruh", "mewajibkan", "menekan", "mengancam", "pesan", "berpesan", "agar", "supaya", "jangan lupa", "ingat",
        "mengingat",
    ]
    static let voteFor = [
        "memilih", "pilih", "mencoblos", "coblos", "mendukung", "dukungan*", "dukung", "menangkan", "memenangkan", "mengarahkan warga",
        "bilik suara", "di tps", "nomor dua", "nomor satu", "nomor tiga", "dipilih", "pantas dipilih", "layak dipilih", "paling pantas",
        "paling layak", "pilihan", "memenangkan",
    ]
    static let gifts = ["paket", "sembako", "beras", "uang", "amplop", "hadiah", "bingkisan", "minyak goreng", "voucher", "pulsa", "kain", "sarung"]
    static let distributes = ["membagikan", "membagi bagikan", "bagi bagi", "memberikan", "menyerahkan", "mengirim*", "menyalurkan"]
    static let celebration = ["syukuran kemenangan", "merayakan kemenangan", "pesta kemenangan", "perayaan kemenangan", "syukuran atas kemenangan"]
    static let collectsIdentity = ["mengumpulkan fotokopi ktp", "mengumpulkan ktp", "mengumpulkan e ktp", "menghimpun ktp", "mengumpulkan kartu tanda penduduk"]
    static let joinsTeam = ["menjadi anggota tim pemenangan", "menjadi tim pemenangan", "masuk tim pemenangan", "menjadi tim sukses", "menjadi ketua tim", "menjadi koordinator relawan", "bergabung dengan tim pemenangan", "menjadi relawan"]

    // Decisions
    static let decides = [
        "memerintahkan", "menyetujui", "mengubah", "mencoret", "menetapkan", "meminjamkan", "mengizinkan", "menambahkan", "mengalokasikan",
        "memindahkan", "memutasi", "memprioritaskan", "mengalihkan", "menunda", "membatalkan", "mempercepat", "menerbitkan", "memberikan izin",
        "menyediakan", "mencairkan", "menghentikan", "menonaktifkan",
        "memberikan|memberi bonus|hadiah|insentif|penghargaan|tunjangan|jabatan|promosi|proyek|bantuan",
    ]
    static let favourMarkers = [
        "hanya menurunkan", "hanya baliho", "dibiarkan", "tanpa verifikasi", "tanpa prosedur", "tanpa melalui", "hadiah karena", "karena desa",
        "karena warga", "karena pasangan", "kalah telak", "kalah", "memenangkan", "yang didukungnya", "yang ia dukung", "yang didukung",
        "disodorkan tim", "milik pemerintah", "milik dinas", "milik pemkab", "alat berat", "gudang", "yang tidak memilih", "tidak memilih",
        "atas permintaan tim", "permintaan tim pemenangan", "permintaan tim sukses", "basis pendukung", "basis massa", "dianggap mendukung",
        "karena mendukung", "karena tidak mendukung", "lumbung suara", "sebagai imbalan", "imbalan", "berjasa", "telah memenangkan",
    ]
    /// What an official decides over: public money, programmes, posts and property.
    static let publicResource = [
        "bantuan", "bansos", "proyek", "program", "anggaran", "dana", "jalan", "perbaikan", "pengaspalan", "daftar penerima", "penerima",
        "mutasi", "jabatan", "izin", "gedung", "aula", "gudang", "alat berat", "kendaraan dinas", "mobil dinas", "tunjangan", "honor",
        "beasiswa", "pelayanan", "sertifikat", "lokasi",
    ]

    // Candidacy and parties
    static let registersAsCandidate = [
        "mendaftar sebagai bakal calon", "mendaftar sebagai calon", "mendaftar ke kpu", "mendaftarkan diri", "mencalonkan diri",
        "formulir pendaftaran bakal calon", "formulir pendaftaran calon", "mengambil formulir pendaftaran", "mengembalikan formulir pendaftaran",
        "maju sebagai bakal calon", "maju sebagai calon", "maju dalam pilkada", "penjaringan bakal calon",
        "ikut penjaringan", "mengikuti penjaringan", "fit and proper", "uji kelayakan", "tercatat sebagai calon", "terdaftar sebagai calon",
        "menjadi calon anggota", "sebagai calon anggota", "sebagai bakal calon anggota", "menjadi caleg", "sebagai caleg", "dicalonkan",
        "mencalonkan diri*",
    ]
    static let resigned = [
        "diberhentikan dengan hormat", "telah mengundurkan diri", "sudah mengundurkan diri", "mantan", "tidak lagi berstatus", "pensiun",
        "purnabakti", "telah berhenti",
    ]
    static let partyRole = [
        "anggota partai", "anggota parpol", "kader partai", "pengurus partai", "kepengurusan", "pengurus ranting", "pengurus dpc", "pengurus dpd",
        "kartu tanda anggota", "kta partai", "dewan pakar", "bendahara", "sekretaris pengurus", "ketua ranting", "ketua dpc", "wakil ketua",
        "wakil bendahara", "wakil sekretaris", "pengurus anak cabang", "simpatisan resmi", "mendaftar sebagai anggota", "menjadi anggota",
    ]
    static let party = ["partai", "parpol", "dpc", "dpd", "dpw", "ranting"]
    static let notAMember = ["tidak pernah mendaftar", "bukan anggota", "keberatan", "dicatut", "mencatut", "pencatutan", "menolak tawaran", "menolak menjadi", "tanpa sepengetahuan", "dihapus"]
    static let speaker = ["narasumber", "pembicara", "pemateri", "penceramah", "moderator", "memberi materi", "memberikan materi", "mengisi materi", "pengisi acara", "memberikan paparan", "pemapar"]
    static let partyEvent = [
        "partai politik", "dpc", "dpd partai", "dpw", "kantor partai", "organisasi sayap", "sayap partai", "rapat kerja cabang", "rakercab",
        "rakerda", "muscab", "musda", "kader partai", "kaderisasi partai", "diselenggarakan partai", "digelar partai", "acara partai",
    ]

    // Bakal calon promotion
    static let promotion = [
        "sosialisasi bakal calon", "kegiatan sosialisasi", "temu ramah", "testimoni", "video pengenalan", "pengenalan bakal calon",
        "memperkenalkan bakal calon", "mempromosikan", "juru bicara", "jubir", "tampil dalam video", "tampil dalam iklan", "safari politik",
        "silaturahmi politik", "blusukan", "bergambar dirinya", "gambar dirinya", "foto dirinya bertuliskan",
    ]
    static let spouseOrFamily = ["suami*", "istri*", "adik*", "kakak*", "ayah*", "ibu*", "anak*", "paman*", "keluarga*", "mertua*", "ipar*"]
    static let unpaidLeave = ["cuti di luar tanggungan negara", "cltn"]
}

extension GuideLexicon {
    /// Informal spellings and abbreviations read as their standard word.
    static let informal: [String: String] = [
        "ga": "tidak", "gak": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "engga": "tidak", "tdk": "tidak",
        "kagak": "tidak", "ndak": "tidak", "nda": "tidak", "blm": "belum", "udah": "sudah", "udh": "sudah", "sdh": "sudah", "yg": "yang",
        "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk", "krn": "karena", "karna": "karena", "sy": "saya", "aku": "saya",
        "ikutan": "ikut", "ngikut": "ikut", "ngikutin": "mengikuti", "ikutin": "mengikuti", "dateng": "datang", "dtg": "datang",
        "hadiri": "menghadiri", "pake": "pakai", "make": "memakai", "kaos": "kaus", "nmr": "nomor", "nomer": "nomor", "no": "nomor",
        "pasang": "memasang", "nempel": "menempel", "nempelin": "menempelkan", "upload": "mengunggah", "posting": "memposting",
        "ngepost": "memposting", "ngeshare": "membagikan", "share": "membagikan", "like": "menyukai", "ngelike": "menyukai",
        "follow": "mengikuti", "ngefollow": "mengikuti", "komen": "komentar", "ngasih": "memberikan", "kasih": "memberikan",
        "bagiin": "membagikan", "bagi2": "membagikan", "nyoblos": "mencoblos", "milih": "memilih",
        "ngajak": "mengajak", "ajak": "mengajak", "nyuruh": "menyuruh", "suruh": "menyuruh", "wa": "whatsapp", "fb": "facebook",
        "ig": "instagram", "sosmed": "medsos", "pns2": "pns", "asn2": "asn", "bareng": "bersama", "sm": "sama", "tps2": "tps",
    ]
}
