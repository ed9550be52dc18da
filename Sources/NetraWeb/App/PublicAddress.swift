import Vapor

/// The absolute address of a page, for links that leave the screen: a QR code printed on a letter.
struct PublicAddress: Sendable {
    struct Key: StorageKey { typealias Value = PublicAddress }

    /// `NETRA_PUBLIC_URL`; nil takes the host the request came to, as the browser that prints the letter saw it.
    let base: String?
    /// Whether Netra is served over HTTPS (secure cookies say so), for the scheme of a host-based address.
    let secure: Bool

    func url(_ path: String, for req: Request) -> String {
        if let base { return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path }
        return "\(secure ? "https" : "http")://\(req.headers.first(name: .host) ?? "localhost")\(path)"
    }
}

extension Request {
    func publicURL(_ path: String) -> String {
        (application.storage[PublicAddress.Key.self] ?? PublicAddress(base: nil, secure: false)).url(path, for: self)
    }
}
