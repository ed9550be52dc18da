/// A letter as the naskah dinas rules lay it out (Permendagri 1/2023): the kop, the title or the
/// number/sifat/lampiran/hal block, the addressee, the body, place and date, signatures and tembusan. It is
/// composed once, when the letter is numbered, and kept: the printed page and its verification hash come
/// from this value, so a later change to the registry or the settings never rewrites a letter.
public struct OfficialLetter: Sendable, Codable, Equatable {
    public enum Layout: String, Sendable, Codable {
        /// A surat dinas: place and date at the right, nomor/sifat/lampiran/hal, "Yth." and the addressee.
        case letter
        /// A berita acara: a centred title and number, signed by both sides.
        case record
        /// A keputusan kepala daerah: centred title, menimbang/mengingat/memutuskan, "Ditetapkan di".
        case decree
    }

    /// The kop: the government, the office, its address and contacts, and the region's emblem.
    public struct Heading: Sendable, Codable, Equatable {
        public var lines: [String]
        public var address: String?
        public var logo: String?
    }

    public struct Field: Sendable, Codable, Equatable {
        public var label: String
        public var value: String

        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public struct Block: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// `text` as a paragraph.
            case paragraph
            /// `text`, then `fields` as an indented "label : value" table.
            case fields
            /// `text`, then `items` numbered 1, 2, 3.
            case numbered
            /// The examination's questions and answers, numbered.
            case exchanges
            /// A decree's row: `label` ("Menimbang", "KESATU"), then `text` or `items` lettered a, b, c.
            case dictum
            /// `text` centred in capitals ("MEMUTUSKAN:").
            case centred
        }

        public var kind: Kind
        public var label: String?
        public var text: String?
        public var fields: [Field]
        public var items: [String]
        public var exchanges: [Case.Exchange]

        public static func paragraph(_ text: String) -> Block { Block(kind: .paragraph, text: text) }
        public static func fields(_ text: String?, _ fields: [Field]) -> Block { Block(kind: .fields, text: text, fields: fields) }
        public static func numbered(_ text: String?, _ items: [String]) -> Block { Block(kind: .numbered, text: text, items: items) }
        public static func exchanges(_ exchanges: [Case.Exchange]) -> Block { Block(kind: .exchanges, exchanges: exchanges) }
        public static func dictum(_ label: String, text: String) -> Block { Block(kind: .dictum, label: label, text: text) }
        public static func dictum(_ label: String, items: [String]) -> Block { Block(kind: .dictum, label: label, items: items) }
        public static func centred(_ text: String) -> Block { Block(kind: .centred, text: text) }

        init(kind: Kind, label: String? = nil, text: String? = nil, fields: [Field] = [], items: [String] = [], exchanges: [Case.Exchange] = []) {
            self.kind = kind
            self.label = label
            self.text = text
            self.fields = fields
            self.items = items
            self.exchanges = exchanges
        }
    }

    /// A signature block: who signs, in what capacity, with the space for the wet signature above the name.
    public struct Signature: Sendable, Codable, Equatable {
        /// "Yang diperiksa," — only where a letter is signed by more than its issuer.
        public var role: String?
        public var position: String
        public var name: String
        public var rank: String?
        public var nip: String?
    }

    public var kind: LetterKind
    /// What the letter is called where it is listed: "Surat Panggilan II", "Keputusan Bupati Sungai Harapan".
    public var name: String
    public var layout: Layout
    public var heading: Heading
    /// The centred title lines (a record's or a decree's); empty for a surat dinas.
    public var title: [String]
    public var number: String
    /// Sifat, lampiran and hal of a surat dinas (the number is printed with them).
    public var particulars: [Field]
    /// "Pulang Pisau, 3 Desember 2026" — at the top right of a surat dinas, above the signatures of a record.
    public var placeAndDate: String?
    /// "Yth." and the addressee's lines.
    public var addressee: [String]
    public var blocks: [Block]
    /// Lines printed just above the signatures ("Ditetapkan di …", "pada tanggal …").
    public var enactment: [Field]
    public var signatures: [Signature]
    public var copiesTo: [String]
}
