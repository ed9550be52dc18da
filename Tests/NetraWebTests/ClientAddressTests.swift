import NIOCore
import NetraCore
import Testing
@testable import NetraWeb
import VaporTesting

@Suite("Rate limits key on the client the trusted proxy names")
struct ClientAddressTests {
    @Test("behind a trusted proxy the forwarded client is the key; from anywhere else a forged header changes nothing")
    func clientKey() async throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.5")
        try await withDemoApp(adjust: { $0.trustedProxies = proxies }) { app, _ in
            func key(from socket: String, forwardedFor: String) throws -> String {
                let request = Request(application: app, method: .GET, url: "/lapor", headersNoUpdate: ["X-Forwarded-For": forwardedFor],
                                      remoteAddress: try SocketAddress(ipAddress: socket, port: 40_000), peerCertificateChain: nil,
                                      on: app.eventLoopGroup.next())
                return request.clientKey
            }
            let throughProxy = try key(from: "10.0.0.5", forwardedFor: "198.51.100.7")
            let forged = try key(from: "203.0.113.9", forwardedFor: "198.51.100.7")
            let prepended = try key(from: "10.0.0.5", forwardedFor: "1.1.1.1, 198.51.100.7")
            #expect(throughProxy == "198.51.100.7" && forged == "203.0.113.9" && prepended == "198.51.100.7")
        }
    }
}
