import Vapor

/// Multipart bodies are checked before MultipartKit parses them: its parser (4.7.1) traps on a byte
/// above 127 in a part's header name, so one crafted request could stop the server. Well-formed bodies
/// go on to Vapor's own form-data decoder unchanged.
struct GuardedFormDataDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        if let boundary = headers.contentType?.parameters["boundary"],
           !Self.partHeadersAreWellFormed(Array(body.readableBytesView), boundary: Array(boundary.utf8)) {
            throw Abort(.badRequest, reason: "Isi unggahan (multipart/form-data) rusak.")
        }
        return try FormDataDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    /// Every part's header block ends with an empty line, and every header name in it is an HTTP token.
    static func partHeadersAreWellFormed(_ bytes: [UInt8], boundary: [UInt8]) -> Bool {
        let delimiter = Array("--".utf8) + boundary
        let lineEnd: [UInt8] = [13, 10]
        var position = 0
        while let start = find(delimiter, in: bytes, from: position) {
            var cursor = start + delimiter.count
            if cursor + 1 < bytes.count && bytes[cursor] == 45 && bytes[cursor + 1] == 45 { return true }
            guard let afterDelimiter = find(lineEnd, in: bytes, from: cursor) else { return false }
            cursor = afterDelimiter + 2
            while true {
                guard let end = find(lineEnd, in: bytes, from: cursor) else { return false }
                if end == cursor {
                    cursor += 2
                    break
                }
                guard let colon = bytes[cursor..<end].firstIndex(of: 58), colon > cursor,
                      bytes[cursor..<colon].allSatisfy(isTokenByte) else { return false }
                cursor = end + 2
            }
            position = cursor
        }
        return true
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"),
             UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
