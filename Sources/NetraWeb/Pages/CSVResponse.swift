import Vapor

extension Response {
    /// A CSV download: CRLF line ends (as spreadsheets expect), UTF-8, an attachment named `filename`.
    static func csv(_ lines: [String], filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }
}
