/// Indonesian wording of each registry problem, kept apart from the checks that find them.
enum RegistryMessages {
    static func text(_ code: RegistryProblemCode, field: RegistryColumn, value: String, detail: String? = nil) -> String {
        let shown = value.isEmpty ? "(kosong)" : "\"\(value)\""
        switch code {
        case .nipLength: return "NIP harus 18 digit; \(shown) berisi \(detail ?? "?") digit."
        case .nipNonDigit: return "NIP \(shown) memuat karakter selain angka (huruf O/I/l sering tertukar dengan 0/1)."
        case .nipExcelScientific: return "NIP \(shown) rusak oleh format ilmiah Excel; format kolom sebagai Teks lalu ketik ulang NIP."
        case .nipBirthdateInvalid: return "8 digit pertama NIP \(shown) bukan tanggal lahir yang sah (YYYYMMDD)."
        case .nipGenderDigit: return "Digit ke-15 NIP \(shown) (jenis kelamin) \(detail ?? "tidak sesuai")."
        case .nipTMTBefore18: return "TMT pada NIP \(shown) jatuh sebelum pegawai berusia 18 tahun."
        case .nipTMTInvalid: return "Digit 13–14 NIP \(shown) bukan bulan TMT yang sah (01–12) untuk PNS."
        case .nipBirthdateMismatch: return "Tanggal lahir pada NIP \(shown) (\(detail ?? "")) berbeda dengan kolom tanggal_lahir."
        case .nikLength: return "NIK harus 16 digit; \(shown) berisi \(detail ?? "?") digit."
        case .nikNonDigit: return "NIK \(shown) memuat karakter selain angka."
        case .nikExcelScientific: return "NIK \(shown) rusak oleh format ilmiah Excel; format kolom sebagai Teks lalu ketik ulang NIK."
        case .nikBirthdateInvalid: return "Digit 7–12 NIK \(shown) bukan tanggal lahir yang sah (DDMMYY, tanggal +40 untuk perempuan)."
        case .nikBirthdateMismatch: return "Tanggal lahir pada NIK \(shown) berbeda dengan kolom tanggal_lahir."
        case .nikSequenceInvalid: return "Nomor urut NIK \(shown) (4 digit terakhir) tidak boleh 0000."
        case .nikGenderMismatch: return "NIK \(shown) menunjukkan jenis kelamin \(detail ?? "lain") (tanggal +40 untuk perempuan), berbeda dengan kolom jenis_kelamin."
        case .duplicateNIP: return "NIP \(shown) sudah muncul di baris \(detail ?? "sebelumnya"); baris ini tidak diimpor."
        case .missingRequired: return "Kolom \(field.rawValue) wajib diisi."
        case .badEmail: return "Alamat email \(shown) tidak sah."
        case .badDate: return "Tanggal \(shown) tidak dikenali; gunakan dd/mm/yyyy, yyyy-mm-dd atau \"1 Februari 1980\"."
        case .unknownStatus: return "Status \(shown) tidak dikenal; hanya PNS atau PPPK (ASN) yang dicatat."
        case .unknownGender: return "Jenis kelamin \(shown) tidak dikenal; gunakan L atau P."
        case .unknownUnitCode: return "kode_unit \(shown) tidak ada di data unit; impor unit lebih dulu (netra import units)."
        }
    }
}
