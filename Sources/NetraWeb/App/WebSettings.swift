import NetraStore

/// How the web application is started.
public struct WebSettings: Sendable {
    public var database: DatabaseLocation
    /// Seed the demo region into an empty database on start.
    public var seedDemo: Bool
    /// Mark cookies Secure (behind HTTPS). Off for plain http://127.0.0.1 development.
    public var secureCookies: Bool
    /// bcrypt cost; tests lower it to keep suites fast.
    public var passwordCost: Int
    /// Largest accepted upload.
    public var maxUploadBytes: Int

    public init(database: DatabaseLocation, seedDemo: Bool = false, secureCookies: Bool = false, passwordCost: Int = 12,
                maxUploadBytes: Int = 64 * 1024 * 1024) {
        self.database = database
        self.seedDemo = seedDemo
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.maxUploadBytes = maxUploadBytes
    }
}
