/// The regional emblem printed at the left of a letter's heading: a PNG or an SVG the admin uploads.
/// It is shown to every reader of a letter, so it is checked for what a picture must not carry.
public enum LetterLogo {
    public enum Kind: String, Sendable, Codable {
        case png = "image/png"
        case svg = "image/svg+xml"
    }

    /// An emblem is small; a larger file is not a logo.
    public static let maxBytes = 512 * 1024
    /// Width and height beyond which a PNG is refused (an emblem prints at about 2.5 cm).
    public static let maxSide = 4000

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty, tooLarge, notAnImage, tooManyPixels, activeContent

        public var description: String {
            switch self {
            case .empty: "berkas logo kosong."
            case .tooLarge: "berkas logo paling besar \(LetterLogo.maxBytes / 1024) KiB."
            case .notAnImage: "logo harus berupa gambar PNG atau SVG."
            case .tooManyPixels: "gambar logo paling besar \(LetterLogo.maxSide) × \(LetterLogo.maxSide) piksel."
            case .activeContent: "SVG tidak boleh memuat skrip, tautan ke luar, atau konten sisipan."
            }
        }
    }

    /// The kind of an uploaded logo, or why it is refused. The file's own bytes decide, not its name.
    public static func check(_ bytes: [UInt8]) throws(Problem) -> Kind {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge }
        if EvidenceType.sniff(bytes) == .png {
            guard let size = ImageSize.read(bytes, type: .png), EvidenceType.png.isWellFormed(bytes) else { throw .notAnImage }
            guard size.width > 0, size.height > 0, size.width <= maxSide, size.height <= maxSide else { throw .tooManyPixels }
            return .png
        }
        guard let text = String(validating: bytes, as: UTF8.self), text.lowercased().contains("<svg") else { throw .notAnImage }
        if containsActiveContent(text.lowercased()) { throw .activeContent }
        return .svg
    }

    /// Scripts, event handlers, embedded documents and references that leave the file. A browser runs none
    /// of these in an `<img>`, but the file can be opened directly, so they are refused outright.
    static func containsActiveContent(_ svg: String) -> Bool {
        let forbidden = ["<script", "<foreignobject", "<iframe", "<embed", "<object", "javascript:", "<!entity", "xlink:href=\"http",
                         "href=\"http", "href='http", "url(http", "@import"]
        if forbidden.contains(where: svg.contains) { return true }
        // Event handler attributes: whitespace, "on", letters, then "=".
        var index = svg.startIndex
        while let range = svg.range(of: "on", range: index..<svg.endIndex) {
            index = range.upperBound
            guard range.lowerBound > svg.startIndex, svg[svg.index(before: range.lowerBound)].isWhitespace else { continue }
            let rest = svg[range.upperBound...].prefix { $0.isLetter }
            guard !rest.isEmpty else { continue }
            let after = svg[svg.index(range.upperBound, offsetBy: rest.count)...].drop { $0.isWhitespace }
            if after.first == "=" { return true }
        }
        return false
    }
}
