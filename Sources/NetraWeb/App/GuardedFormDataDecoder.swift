import Vapor

/// Multipart bodies are checked before MultipartKit parses them: its parser (4.7.1) traps on a byte
/// above 127 in a part's header name, so one crafted request could stop the server; and it turns invalid
/// UTF-8 in a text field into replacement characters, which would store a report other than the one sent.
/// Well-formed bodies go on to Vapor's own form-data decoder unchanged.
struct GuardedFormDataDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        if let boundary = headers.contentType?.parameters["boundary"] {
            switch Self.check(Array(body.readableBytesView), boundary: Array(boundary.utf8)) {
            case .wellFormed: break
            case .malformed: throw UnreadableForm(reason: "Isi unggahan (multipart/form-data) rusak.")
            case .invalidText(let field):
                throw UnreadableForm(reason: "Isian \(field) bukan teks UTF-8 yang sah; ketik ulang atau salin dari sumber lain.")
            }
        }
        return try FormDataDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    enum Verdict: Equatable {
        case wellFormed
        case malformed
        /// A part without a file name (a text field) whose content is not UTF-8.
        case invalidText(field: String)
    }

    static func partHeadersAreWellFormed(_ bytes: [UInt8], boundary: [UInt8]) -> Bool {
        check(bytes, boundary: boundary) != .malformed
    }

    /// Every part's header block ends with an empty line and every header name in it is an HTTP token;
    /// every text field (a part without a file name) is valid UTF-8.
    static func check(_ bytes: [UInt8], boundary: [UInt8]) -> Verdict {
        let delimiter = Array("--".utf8) + boundary
        let lineEnd: [UInt8] = [13, 10]
        var position = 0
        var textPart: (name: String, start: Int)?
        while let start = find(delimiter, in: bytes, from: position) {
            if let part = textPart, start - 2 >= part.start, String(validating: bytes[part.start..<(start - 2)], as: UTF8.self) == nil {
                return .invalidText(field: part.name)
            }
            var cursor = start + delimiter.count
            if cursor + 1 < bytes.count && bytes[cursor] == 45 && bytes[cursor + 1] == 45 { return .wellFormed }
            guard let afterDelimiter = find(lineEnd, in: bytes, from: cursor) else { return .malformed }
            cursor = afterDelimiter + 2
            var headerBlock = ""
            while true {
                guard let end = find(lineEnd, in: bytes, from: cursor) else { return .malformed }
                if end == cursor {
                    cursor += 2
                    break
                }
                guard let colon = bytes[cursor..<end].firstIndex(of: 58), colon > cursor,
                      bytes[cursor..<colon].allSatisfy(isTokenByte) else { return .malformed }
                headerBlock += String(decoding: bytes[cursor..<end], as: UTF8.self) + "\n"
                cursor = end + 2
            }
            textPart = headerBlock.lowercased().contains("filename=") ? nil : (name: fieldName(in: headerBlock), start: cursor)
            position = cursor
        }
        return .wellFormed
    }

    /// The `name="…"` of a part's Content-Disposition, for the error message.
    private static func fieldName(in headers: String) -> String {
        guard let range = headers.range(of: "name=\"") else { return "formulir" }
        return String(headers[range.upperBound...].prefix { $0 != "\"" && $0 != "\n" }.prefix(60))
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
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

/// A form body that cannot be read at all: a 400 with the reason, even where missing fields are otherwise
/// answered with the form and its field errors.
struct UnreadableForm: AbortError {
    let reason: String
    var status: HTTPResponseStatus { .badRequest }
}

extension Request {
    /// The form's fields, or `fallback` when they do not decode (the handler then names each missing field);
    /// a body that is not a readable form at all is still refused.
    func formFields<T: Decodable>(_ type: T.Type, or fallback: @autoclosure () -> T) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let unreadable as UnreadableForm {
            throw unreadable
        } catch {
            return fallback()
        }
    }
}
