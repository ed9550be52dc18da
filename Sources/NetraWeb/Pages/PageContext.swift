import NetraCore
import Vapor

/// What every page's layout needs, around the page's own model.
struct PageContext<Body: Encodable>: Encodable {
    struct ViewerInfo: Encodable {
        let name: String
        let role: String
        let unit: String?
        let canImport: Bool
    }

    let title: String
    let csrf: String
    let viewer: ViewerInfo?
    let body: Body

    init(req: Request, title: String, body: Body) {
        self.title = title
        self.csrf = req.csrfToken
        self.viewer = req.viewer.map {
            ViewerInfo(name: $0.displayName, role: $0.role.title, unit: $0.unitName, canImport: $0.may(.importRegistry))
        }
        self.body = body
    }
}
