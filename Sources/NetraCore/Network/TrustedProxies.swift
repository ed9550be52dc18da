/// The proxies whose word about the client is believed (`NETRA_TRUSTED_PROXIES`: addresses or CIDR ranges,
/// IPv4 or IPv6). A request from any other address is keyed on that address, whatever headers it sends, so a
/// forged `X-Forwarded-For` buys nothing. Parsing by hand: no package of the fixed set reads CIDR ranges.
public struct TrustedProxies: Sendable, Equatable {
    /// An address range: the first `prefix` bits of `bytes`.
    struct Range: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefix
            for (a, b) in zip(address, bytes) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let entry: String
        public var description: String {
            "NETRA_TRUSTED_PROXIES: \"\(entry)\" bukan alamat IP atau rentang CIDR (mis. 10.0.0.5, 10.0.0.0/24, fd00::/8)."
        }
    }

    let ranges: [Range]

    public static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) {
        self.ranges = ranges
    }

    /// "127.0.0.1, 10.0.0.0/8, ::1"; empty for none.
    public init(parsing text: String) throws(Problem) {
        var ranges: [Range] = []
        for raw in text.split(separator: ",") {
            let entry = String(raw).trimmingSpaces
            guard !entry.isEmpty else { continue }
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let bytes = Self.bytes(of: String(parts[0])) else { throw Problem(entry: entry) }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { throw Problem(entry: entry) }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client of a request that came from `socket`: the socket itself unless it is a trusted proxy; then the
    /// nearest address, from the right of the forwarding chain, that is not one of our proxies. `forwardedFor` is
    /// the `X-Forwarded-For` header's addresses in order; `forwarded` the `for=` values of the `Forwarded` header
    /// (RFC 7239), which is read when present.
    public func client(socket: String?, forwardedFor: [String], forwarded: [String]) -> String? {
        guard let socket, trusts(socket) else { return socket }
        let chain = (forwarded.isEmpty ? forwardedFor : forwarded).map(Self.bareAddress)
        for hop in chain.reversed() {
            guard Self.bytes(of: hop) != nil else { return socket } // an unreadable hop: the chain is not believed past it
            if !trusts(hop) { return hop }
        }
        return chain.first ?? socket
    }

    /// The addresses of an `X-Forwarded-For` header, in order.
    public static func forwardedFor(header: String) -> [String] {
        header.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The `for=` values of a `Forwarded` header (RFC 7239), in order.
    public static func forwarded(header: String) -> [String] {
        header.split(separator: ",").compactMap { (element: Substring) -> String? in
            let pairs = element.split(separator: ";").map { String($0).trimmingSpaces }
            guard let pair = pairs.first(where: { $0.lowercased().hasPrefix("for=") }) else { return nil }
            return String(pair.dropFirst(4)).trimmingCharacters(in: ["\""])
        }
    }

    /// An address without the port or brackets a header may carry ("[2001:db8::1]:4711", "192.0.2.60:80").
    static func bareAddress(_ value: String) -> String {
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") { return String(value[value.index(after: value.startIndex)..<end]) }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") { return String(value[..<colon]) }
        return value
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address; nil for anything else.
    static func bytes(of address: String) -> [UInt8]? {
        if address.contains(":") {
            guard let bytes = ipv6(address) else { return nil }
            // An IPv4 client seen through a dual-stack socket ("::ffff:10.0.0.1") is that IPv4 address.
            return bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF ? Array(bytes.suffix(4)) : bytes
        }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ address: String) -> [UInt8]? {
        var text = address
        var tail: [UInt8] = []
        // An embedded IPv4 tail ("::ffff:10.0.0.1").
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = bytes(of: String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = String(text[...lastColon]) + "0:0"
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - rest.count) + rest
        }
        guard all.count == 8 else { return nil }
        var bytes = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !tail.isEmpty { bytes.replaceSubrange(12..<16, with: tail) }
        return bytes
    }
}
