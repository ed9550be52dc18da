import Crypto
import Foundation

/// The neutrality pledge (ikrar netralitas ASN) in its versions. A signature keeps the version and the
/// SHA-256 of the exact text the person saw, their name, NIP and the election included, so the text
/// can change later without changing what anyone signed.
public struct PledgeText: Sendable, Equatable {
    public let version: String
    public let commitments: [String]

    public static let current = PledgeText(version: "2024.1", commitments: [
        "menjaga netralitas dan tidak berpihak kepada pasangan calon mana pun, di dalam maupun di luar jam kerja;",
        "tidak ikut berkampanye, tidak memakai atribut pasangan calon, dan tidak menghadiri deklarasi atau kegiatan yang menunjukkan keberpihakan;",
        "tidak mengunggah, menyukai, mengomentari, membagikan, atau mengikuti konten dan akun kampanye pasangan calon di media sosial;",
        "tidak memberikan surat dukungan atau fotokopi KTP kepada bakal calon perseorangan;",
        "tidak membuat keputusan atau tindakan yang menguntungkan atau merugikan pasangan calon, dan tidak memakai fasilitas negara untuk kepentingan mereka;",
        "melaporkan pelanggaran netralitas yang saya ketahui, dan bersedia menerima sanksi sesuai peraturan perundang-undangan (antara lain PP 94/2021 tentang Disiplin PNS) bila melanggar.",
    ])

    /// The text as signed by one person for one election.
    public func rendered(name: String, nip: String, election: String) -> String {
        var lines = ["IKRAR NETRALITAS APARATUR SIPIL NEGARA (versi \(version))", "",
                     "Saya, \(name), NIP \(nip), dalam penyelenggaraan \(election), berjanji:"]
        for (index, commitment) in commitments.enumerated() { lines.append("\(index + 1). \(commitment)") }
        return lines.joined(separator: "\n")
    }

    public static func sha256(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }
}
