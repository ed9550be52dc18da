import Testing
@testable import NetraCore

@Suite("Only a trusted proxy's word about the client is believed")
struct TrustedProxiesTests {
    static let proxies = try! TrustedProxies(parsing: "10.0.0.5, 172.16.0.0/12, fd00::/8")

    @Test("addresses and ranges, IPv4 and IPv6, are read; anything else is refused with the entry named")
    func parsing() throws {
        #expect(Self.proxies.trusts("10.0.0.5") && !Self.proxies.trusts("10.0.0.6"))
        #expect(Self.proxies.trusts("172.31.255.1") && !Self.proxies.trusts("172.32.0.1"))
        #expect(Self.proxies.trusts("fd12:3456::1") && !Self.proxies.trusts("fe80::1"))
        #expect(Self.proxies.trusts("::ffff:10.0.0.5"), "an IPv4 proxy seen through a dual-stack socket")
        #expect(try TrustedProxies(parsing: " ").isEmpty)
        for bad in ["10.0.0", "10.0.0.0/33", "proxy.local", "10.0.0.256", "fd00::/129", "1:2:3:4:5:6:7:8:9"] {
            #expect(throws: TrustedProxies.Problem(entry: bad)) { try TrustedProxies(parsing: "127.0.0.1, \(bad)") }
        }
    }

    @Test("a forged X-Forwarded-For from an untrusted address is ignored; through our proxies the client is found")
    func clients() {
        let forged = ["1.2.3.4"]
        #expect(Self.proxies.client(socket: "203.0.113.9", forwardedFor: forged, forwarded: []) == "203.0.113.9")
        #expect(TrustedProxies.none.client(socket: "10.0.0.5", forwardedFor: forged, forwarded: []) == "10.0.0.5")
        // nginx appends the address it saw: a client who sends a forged header cannot hide behind it.
        #expect(Self.proxies.client(socket: "10.0.0.5", forwardedFor: ["1.2.3.4", "198.51.100.7"], forwarded: []) == "198.51.100.7")
        // Two of our proxies in a row.
        #expect(Self.proxies.client(socket: "10.0.0.5", forwardedFor: ["198.51.100.7", "172.16.4.4"], forwarded: []) == "198.51.100.7")
        // RFC 7239, with a port and an IPv6 address in brackets; it is read in preference to X-Forwarded-For.
        let header = TrustedProxies.forwarded(header: #"for=192.0.2.43:4711;proto=https, for="[2001:db8:cafe::17]:4711""#)
        #expect(header == ["192.0.2.43:4711", "[2001:db8:cafe::17]:4711"])
        #expect(Self.proxies.client(socket: "10.0.0.5", forwardedFor: ["5.5.5.5"], forwarded: header) == "2001:db8:cafe::17")
        // A hop that is no address stops the walk: the proxy itself is the key.
        #expect(Self.proxies.client(socket: "10.0.0.5", forwardedFor: ["unknown"], forwarded: []) == "10.0.0.5")
        #expect(Self.proxies.client(socket: nil, forwardedFor: forged, forwarded: []) == nil)
    }
}
