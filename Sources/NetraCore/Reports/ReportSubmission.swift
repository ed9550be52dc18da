/// What a citizen (or Bawaslu, or a screening flag) submits, checked field by field before anything is stored.
public struct ReportSubmission: Sendable, Codable, Equatable {
    public var description: String
    public var occurredOn: LocalDate?
    public var location: String?
    public var asnName: String?
    public var asnNIP: String?
    public var unit: String?
    public var links: [String]
    /// Optional identity; visible to the admin role only.
    public var reporterName: String?
    public var reporterContact: String?
    /// The reporter asks to be e-mailed when the report's status changes (the contact must then be an e-mail address).
    public var notifyByEmail: Bool

    public init(description: String, occurredOn: LocalDate? = nil, location: String? = nil, asnName: String? = nil, asnNIP: String? = nil,
                unit: String? = nil, links: [String] = [], reporterName: String? = nil, reporterContact: String? = nil, notifyByEmail: Bool = false) {
        self.description = description
        self.occurredOn = occurredOn
        self.location = location
        self.asnName = asnName
        self.asnNIP = asnNIP
        self.unit = unit
        self.links = links
        self.reporterName = reporterName
        self.reporterContact = reporterContact
        self.notifyByEmail = notifyByEmail
    }

    public struct FieldError: Sendable, Codable, Equatable {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public static let maxDescription = 5_000
    public static let maxLinks = 10

    /// The submission with blanks trimmed to nil, or every field problem at once.
    public func validated(today: LocalDate) -> Result<ReportSubmission, ReportValidationError> {
        var errors: [FieldError] = []
        var clean = self
        clean.description = description.trimmingSpaces
        if clean.description.count < 10 {
            errors.append(.init(field: "description", message: "Uraikan kejadiannya (minimal 10 karakter)."))
        } else if clean.description.count > Self.maxDescription {
            errors.append(.init(field: "description", message: "Uraian terlalu panjang (maksimal \(Self.maxDescription) karakter)."))
        }
        if let date = occurredOn, date > today {
            errors.append(.init(field: "occurred_on", message: "Tanggal kejadian tidak boleh di masa depan."))
        }
        func short(_ value: String?, field: String, limit: Int, label: String) -> String? {
            guard let text = value?.trimmingSpaces, !text.isEmpty else { return nil }
            if text.count > limit { errors.append(.init(field: field, message: "\(label) terlalu panjang (maksimal \(limit) karakter).")) }
            return text
        }
        clean.location = short(location, field: "location", limit: 300, label: "Lokasi")
        clean.asnName = short(asnName, field: "asn_name", limit: 200, label: "Nama ASN")
        clean.unit = short(unit, field: "unit", limit: 300, label: "Unit kerja")
        clean.reporterName = short(reporterName, field: "reporter", limit: 200, label: "Nama pelapor")
        clean.reporterContact = short(reporterContact, field: "reporter", limit: 200, label: "Kontak pelapor")
        if notifyByEmail, !(clean.reporterContact.map(EmailAddress.isValid) ?? false) {
            errors.append(.init(field: "reporter", message: "Untuk menerima kabar lewat e-mail, isi kontak dengan alamat e-mail yang sah (contoh: nama@contoh.id)."))
        }
        if let nip = short(asnNIP, field: "asn_nip", limit: 40, label: "NIP") {
            let digits = nip.filter { !DigitString.isLayout($0) }
            if digits.allSatisfy({ $0.isASCII && $0.isNumber }) && digits.count == 18 {
                clean.asnNIP = digits
            } else {
                errors.append(.init(field: "asn_nip", message: "NIP terdiri atas 18 angka; kosongkan bila tidak tahu."))
            }
        }
        clean.links = links.map(\.trimmingSpaces).filter { !$0.isEmpty }
        if clean.links.count > Self.maxLinks {
            errors.append(.init(field: "links", message: "Paling banyak \(Self.maxLinks) tautan."))
        }
        for link in clean.links where !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.count > 2_000 || link.contains(" ") {
            errors.append(.init(field: "links", message: "Tautan harus diawali http:// atau https:// (\(link.prefix(60)))."))
        }
        return errors.isEmpty ? .success(clean) : .failure(ReportValidationError(errors: errors))
    }
}

public struct ReportValidationError: Error, Sendable, Equatable {
    public let errors: [ReportSubmission.FieldError]
}

/// Evidence types accepted, recognized from the bytes themselves, never from the name or the client's claim.
public enum EvidenceType: String, Sendable, Codable, CaseIterable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case gif = "image/gif"
    case webp = "image/webp"
    case heic = "image/heic"
    case pdf = "application/pdf"
    case mp4 = "video/mp4"
    case quicktime = "video/quicktime"
    case webm = "video/webm"
    case ogg = "audio/ogg"
    case mpeg = "audio/mpeg"
    /// Made by Netra itself (a support-list row kept as evidence); never accepted from an upload.
    case csv = "text/csv"

    public static func sniff(_ bytes: some Collection<UInt8>) -> EvidenceType? {
        let head = Array(bytes.prefix(16))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<(offset + prefix.count)]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts(Array("OggS".utf8)) { return .ogg }
        if starts(Array("ID3".utf8)) || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) { return .mpeg }
        if starts(Array("ftyp".utf8), at: 4) {
            let brand = String(decoding: head[8..<min(12, head.count)], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1"].contains(brand) { return .heic }
            if brand == "qt  " { return .quicktime }
            return .mp4
        }
        return nil
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .gif: "gif"
        case .webp: "webp"
        case .heic: "heic"
        case .pdf: "pdf"
        case .mp4: "mp4"
        case .quicktime: "mov"
        case .webm: "webm"
        case .ogg: "ogg"
        case .mpeg: "mp3"
        case .csv: "csv"
        }
    }
}
