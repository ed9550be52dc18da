import Foundation

extension ScreeningResult {
    /// The result as one JSON line: keys sorted, slashes unescaped, `election` and `pair` null when unknown,
    /// a span's `in` only when it is in the target. `Screener.appendJSONLine` writes the same bytes faster.
    public func jsonLine() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Encoding plain strings, numbers and arrays cannot fail.
        return Array(try! encoder.encode(self)) + [10]
    }
}

extension Screener {
    /// A post's result as one JSON line, byte for byte `ScreeningResult.jsonLine()`, written straight from
    /// the verdict and the workspace's spans: millions of posts are written this way. The line is put
    /// together in `scratch` (grown to fit) and appended to `out` at once.
    func appendJSONLine(id: UnsafeBufferPointer<UInt8>, _ verdict: Verdict, evidence: Evidence, to out: inout [UInt8], scratch: inout [UInt8]) {
        let pair = verdict.partisan ? verdict.pair.map { lexicon.pairs[$0] } : nil
        let election = pair.map { lexicon.electionIDBytes[$0.election] } ?? []
        let spans = verdict.partisan ? evidence.spans.count : 0
        // Every byte of a string may become six ("\u001f"); the rest is bounded by the keys, the numbers and
        // the signals' names (fewer than sixteen signals, as their bits are kept in a UInt16).
        let capacity = 256 + 6 * (id.count + election.count) + 32 * 16 + 128 * spans
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity * 2) }
        let (names, nameRanges) = ScreeningSignal.names, byName = ScreeningSignal.byName
        let length = names.withUnsafeBufferPointer { names in scratch.withUnsafeMutableBufferPointer { buffer in
            func name(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: names[nameRanges[index]]) }
            var line = JSONLineWriter(buffer.baseAddress!, capacity: capacity)
            if let pair {
                line.write(#"{"election":"#)
                election.withUnsafeBufferPointer { line.write(string: $0) }
                line.write(#","id":"#)
                line.write(string: id)
                line.write(#","pair":"#)
                line.write(decimal: pair.number)
                line.write(#","partisan":true,"score":"#)
            } else {
                line.write(#"{"election":null,"id":"#)
                line.write(string: id)
                line.write(verdict.partisan ? #","pair":null,"partisan":true,"score":"# : #","pair":null,"partisan":false,"score":"#)
            }
            line.write(score: verdict.score)
            guard verdict.partisan else {
                line.write(",\"signals\":[],\"spans\":[]}\n")
                return line.count
            }
            line.write(#","signals":["#)
            var named = ScreeningSignal.inNameOrder(evidence.signals)
            while named != 0 {
                line.write(plain: name(byName[named.trailingZeroBitCount].index))
                named &= named - 1
                if named != 0 { line.write(UInt8(ascii: ",")) }
            }
            line.write(#"],"spans":["#)
            for (index, span) in evidence.spans.enumerated() {
                if index > 0 { line.write(UInt8(ascii: ",")) }
                line.write(#"{"end":"#)
                line.write(decimal: span.end)
                if span.inTarget { line.write(#","in":"target""#) }
                line.write(#","signal":"#)
                line.write(plain: name(span.signal.index))
                line.write(#","start":"#)
                line.write(decimal: span.start)
                line.write(UInt8(ascii: "}"))
            }
            line.write("]}\n")
            return line.count
        } }
        scratch.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<length])) }
    }
}

/// Writes a JSON line into memory sized for it beforehand, a byte at a time without the bookkeeping of an
/// array's appends. The size is the caller's promise; debug builds (the tests) check every write against it.
struct JSONLineWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    mutating func write(_ byte: UInt8) {
        assert(count < capacity, "JSON line longer than the room sized for it")
        base[count] = byte
        count += 1
    }

    mutating func write(_ literal: StaticString) {
        assert(count + literal.utf8CodeUnitCount <= capacity, "JSON line longer than the room sized for it")
        (base + count).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count += literal.utf8CodeUnitCount
    }

    mutating func write(decimal value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        var digits = value.magnitude, width = 1
        while digits >= 10 {
            digits /= 10
            width += 1
        }
        assert(count + width <= capacity, "JSON line longer than the room sized for it")
        var rest = value.magnitude
        for place in stride(from: count + width - 1, through: count, by: -1) {
            base[place] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += width
    }

    /// A score in thousandths as JSONEncoder writes a double: "0", "1", "0.25", "0.333".
    mutating func write(score value: Double) {
        let thousandths = Int((value * 1000).rounded())
        guard Double(thousandths) / 1000 == value, (0...1000).contains(thousandths) else {
            for byte in value.description.utf8 { write(byte) }
            return
        }
        if thousandths == 0 || thousandths == 1000 {
            write(thousandths == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
            return
        }
        write("0.")
        var rest = thousandths, divisor = 100
        while rest > 0 {
            write(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A string that needs no escapes (a signal's name), quoted.
    mutating func write(plain bytes: UnsafeBufferPointer<UInt8>) {
        write(UInt8(ascii: "\""))
        assert(count + bytes.count <= capacity, "JSON line longer than the room sized for it")
        (base + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
        write(UInt8(ascii: "\""))
    }

    /// A string (valid UTF-8) with JSONEncoder's escapes: quote, backslash and control characters only.
    mutating func write(string bytes: UnsafeBufferPointer<UInt8>) {
        write(UInt8(ascii: "\""))
        defer { write(UInt8(ascii: "\"")) }
        guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            assert(count + bytes.count <= capacity, "JSON line longer than the room sized for it")
            if let start = bytes.baseAddress { (base + count).update(from: start, count: bytes.count) }
            count += bytes.count
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): write(#"\""#)
            case UInt8(ascii: "\\"): write(#"\\"#)
            case 0x08: write(#"\b"#)
            case 0x0C: write(#"\f"#)
            case 0x0A: write(#"\n"#)
            case 0x0D: write(#"\r"#)
            case 0x09: write(#"\t"#)
            case 0..<0x20:
                write(#"\u00"#)
                write(Self.hexDigit(byte >> 4))
                write(Self.hexDigit(byte & 0xF))
            default: write(byte)
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
}
