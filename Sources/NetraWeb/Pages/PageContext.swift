import NetraCore
import Vapor

/// What every page's layout needs, around the page's own model.
struct PageContext<Body: Encodable>: Encodable {
    struct ViewerInfo: Encodable {
        let name: String
        let role: String
        let unit: String?
        let canImport: Bool
        let canViewCases: Bool
        let canTriage: Bool
        let canRefer: Bool
        let canViewCoverage: Bool
        let canManageAccounts: Bool
        let canConfigure: Bool
        let canViewDeliveries: Bool
        let canViewSupervision: Bool
        /// How many things wait on them ("Perlu Tindakan (3)"); nil when none or not counted.
        let waiting: Int?
    }

    let title: String
    let csrf: String
    let viewer: ViewerInfo?
    let body: Body
    /// Seconds after which the browser reloads the page (a long job's progress), without JavaScript.
    let refreshSeconds: Int?

    /// `hasForm` for pages whose form must carry a token before sign-in (sign-in, setup): the token comes
    /// from a signed cookie, not a session. Signed-in pages carry their session's token; other public pages
    /// none (their forms pass without it).
    init(req: Request, title: String, body: Body, hasForm: Bool = false, refreshSeconds: Int? = nil) {
        self.title = title
        self.refreshSeconds = refreshSeconds
        self.csrf = (hasForm || req.currentSession != nil) ? req.csrfToken : ""
        self.viewer = req.viewer.map {
            ViewerInfo(name: $0.displayName, role: $0.role.title, unit: $0.unitName, canImport: $0.may(.importRegistry),
                       canViewCases: $0.may(.viewCases), canTriage: $0.may(.triageReports),
                       canRefer: $0.may(.referCase), canViewCoverage: $0.may(.viewCoverage),
                       canManageAccounts: $0.may(.manageAccounts), canConfigure: $0.may(.configureRegion),
                       canViewDeliveries: $0.may(.viewDeliveries), canViewSupervision: $0.may(.viewSupervision),
                       waiting: req.storage[InboxCountMiddleware.Key.self].flatMap { $0 > 0 ? $0 : nil })
        }
        self.body = body
    }
}
