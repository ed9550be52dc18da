extension ScreeningResult {
    /// The result as one JSON line (keys sorted, `election` and `pair` null when unknown, a span's `in`
    /// only when it is in the target), byte for byte what `JSONEncoder` with sorted keys and unescaped
    /// slashes writes, without building its intermediate objects: millions of posts are written this way.
    public func appendJSONLine(to out: inout [UInt8]) {
        if let election {
            out.append(#"{"election":"#)
            Self.appendString(election, to: &out)
            out.append(#","id":"#)
        } else {
            out.append(#"{"election":null,"id":"#)
        }
        Self.appendString(id, to: &out)
        if let pair {
            out.append(#","pair":"#)
            out.appendDecimal(pair)
            out.append(partisan ? #","partisan":true,"score":"# : #","partisan":false,"score":"#)
        } else {
            out.append(partisan ? #","pair":null,"partisan":true,"score":"# : #","pair":null,"partisan":false,"score":"#)
        }
        Self.appendNumber(score, to: &out)
        if signals.isEmpty && spans.isEmpty {
            out.append(",\"signals\":[],\"spans\":[]}\n")
            return
        }
        out.append(#","signals":["#)
        for (index, signal) in signals.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.appendString(signal, to: &out)
        }
        out.append(#"],"spans":["#)
        for (index, span) in spans.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(#"{"end":"#)
            out.appendDecimal(span.end)
            if let place = span.in {
                out.append(#","in":"#)
                Self.appendString(place, to: &out)
            }
            out.append(#","signal":"#)
            Self.appendString(span.signal, to: &out)
            out.append(#","start":"#)
            out.appendDecimal(span.start)
            out.append(UInt8(ascii: "}"))
        }
        out.append("]}\n")
    }

    /// A score in thousandths as JSON writes a double: "0", "1", "0.25", "0.333".
    private static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        let thousandths = Int((value * 1000).rounded())
        guard Double(thousandths) / 1000 == value, (0...1000).contains(thousandths) else {
            out.append(contentsOf: Array(value.description.utf8))
            return
        }
        if thousandths == 0 || thousandths == 1000 {
            out.append(thousandths == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
            return
        }
        var digits = [UInt8(ascii: "0") + UInt8(thousandths / 100), UInt8(ascii: "0") + UInt8(thousandths / 10 % 10), UInt8(ascii: "0") + UInt8(thousandths % 10)]
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        out.append("0.")
        out.append(contentsOf: digits)
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        let plain: Bool = string.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(#"\""#)
            case UInt8(ascii: "\\"): out.append(#"\\"#)
            case 0x08: out.append(#"\b"#)
            case 0x0C: out.append(#"\f"#)
            case 0x0A: out.append(#"\n"#)
            case 0x0D: out.append(#"\r"#)
            case 0x09: out.append(#"\t"#)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(#"\u00"#)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension Array where Element == UInt8 {
    /// A literal's bytes, copied at once.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    private mutating func appendDigits(_ value: UInt) {
        if value >= 10 { appendDigits(value / 10) }
        append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
