/// Rows of a registry export of any length, all valid and with unique NIPs, for benchmarks and
/// load tests. Row `i` is always the same row.
public enum SyntheticRegistry {
    public static let header = "nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status,email,telepon,akun_medsos"

    private static let agencies = ["Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "Sekretariat Daerah", "Dinas Pertanian dan Ketahanan Pangan"]

    public static func row(_ index: Int) -> String {
        // 999 sequences per birth date keep every NIP unique; dates walk forward from 1965.
        let birth = LocalDate(year: 1965, month: 1, day: 1)!.adding(days: index / 999 % 12_000)
        let gender: Gender = index % 2 == 0 ? .male : .female
        let nip = NIP.make(birthDate: birth, appointmentYear: birth.year + 22 + index % 10, appointmentField: 1 + index % 12,
                           gender: gender, sequence: index % 999 + 1)
        let nik = NIK.make(regionCode: "629101", birthDate: birth, gender: gender, sequence: index % 9_999 + 1)
        let agency = agencies[index % agencies.count]
        return "\(nip.digits),\(nik.digits),Pegawai \(index),\(gender.rawValue),\(birth.day)/\(birth.month)/\(birth.year),"
            + "Pengadministrasi Perkantoran,Unit \(index % 40),\(agency),\(index % 5 == 0 ? "PPPK" : "PNS"),"
            + "pegawai\(index)@contoh.go.id,08\(1_100_000_000 + index),@pegawai\(index)"
    }
}
