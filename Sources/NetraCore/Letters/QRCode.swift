/// A QR code (ISO/IEC 18004) for the short verification address printed on every letter: byte mode, error
/// correction level M, versions 1–10 (up to 213 bytes). Written here because no package of the fixed set
/// draws QR codes; the printed letter carries it as inline SVG, so a scan needs no network beyond Netra.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    /// Rows of modules, true for dark, without the quiet zone.
    public let modules: [[Bool]]

    public var size: Int { modules.count }

    public enum Problem: Error, Equatable {
        case tooLong(Int)
    }

    /// Codewords per version at level M: (error-correction codewords per block, [(blocks, data codewords per block)]).
    static let levelM: [(ecPerBlock: Int, groups: [(blocks: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]
    static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    public init(bytes: [UInt8]) throws(Problem) {
        try self.init(bytes: bytes, masks: 0..<8)
    }

    /// With the mask chosen among `masks` (all eight but in tests, which check each mask on its own).
    init(bytes: [UInt8], masks: Range<Int>) throws(Problem) {
        guard let version = (1...10).first(where: { Self.dataCapacity(version: $0) * 8 >= 4 + ($0 < 10 ? 8 : 16) + bytes.count * 8 }) else {
            throw .tooLong(bytes.count)
        }
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(Self.codewords(Self.dataCodewords(bytes, version: version), version: version))
        var best: (penalty: Int, modules: [[Bool]])?
        for mask in masks {
            var candidate = matrix
            candidate.apply(mask: mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, candidate.modules) }
        }
        self.version = version
        self.modules = best!.modules
    }

    public init(text: String) throws(Problem) {
        try self.init(bytes: Array(text.utf8))
    }

    /// The code as an SVG image with a four-module quiet zone, one path of dark squares.
    public var svg: String {
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = size + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: Codewords

    static func dataCapacity(version: Int) -> Int {
        levelM[version - 1].groups.reduce(0) { $0 + $1.blocks * $1.data }
    }

    /// Mode, length, bytes, terminator and padding, as data codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = dataCapacity(version: version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacity / 8 {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved as the symbol stores them.
    static func codewords(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = levelM[version - 1]
        var blocks: [[UInt8]] = []
        var offset = 0
        for group in layout.groups {
            for _ in 0..<group.blocks {
                blocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let corrections = blocks.map { reedSolomon($0, degree: layout.ecPerBlock) }
        var result: [UInt8] = []
        for index in 0..<(blocks.map(\.count).max() ?? 0) {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ecPerBlock {
            for correction in corrections { result.append(correction[index]) }
        }
        return result
    }

    static func reedSolomon(_ data: [UInt8], degree: Int) -> [UInt8] {
        // Generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), leading coefficient dropped.
        var generator = [UInt8](repeating: 0, count: degree)
        generator[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                generator[j] = multiply(generator[j], root)
                if j + 1 < degree { generator[j] ^= generator[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder.removeFirst()
            remainder.append(0)
            for j in 0..<degree { remainder[j] ^= multiply(generator[j], factor) }
        }
        return remainder
    }

    /// Multiplication in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z)
    }

    // MARK: The symbol

    struct Matrix {
        let version: Int
        var modules: [[Bool]]
        var isFunction: [[Bool]]
        var size: Int { modules.count }

        init(version: Int) {
            self.version = version
            let size = version * 4 + 17
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            isFunction = modules
        }

        mutating func set(x: Int, y: Int, _ dark: Bool) {
            modules[y][x] = dark
            isFunction[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                set(x: 6, y: i, i % 2 == 0)
                set(x: i, y: 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                        let distance = max(abs(dx), abs(dy))
                        set(x: x + dx, y: y + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let centres = QRCode.alignmentCentres[version - 1]
            for y in centres {
                for x in centres where !((x == 6 && y == 6) || (x == 6 && y == centres.last) || (x == centres.last && y == 6)) {
                    for dy in -2...2 {
                        for dx in -2...2 { set(x: x + dx, y: y + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormatBits(mask: 0) // reserves the format areas; redrawn once the mask is chosen
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for i in 0..<18 {
                    let dark = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3, b = i / 3
                    set(x: a, y: b, dark)
                    set(x: b, y: a, dark)
                }
            }
        }

        mutating func drawFormatBits(mask: Int) {
            let data = 0b00 << 3 | mask // level M
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(x: 8, y: i, bit(i)) }
            set(x: 8, y: 7, bit(6))
            set(x: 8, y: 8, bit(7))
            set(x: 7, y: 8, bit(8))
            for i in 9..<15 { set(x: 14 - i, y: 8, bit(i)) }
            for i in 0..<8 { set(x: size - 1 - i, y: 8, bit(i)) }
            for i in 8..<15 { set(x: 8, y: size - 15 + i, bit(i)) }
            set(x: 8, y: size - 8, true)
        }

        /// Codewords placed in the two-column zigzag from the bottom right, skipping the timing column.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let y = (right + 1) & 2 == 0 ? size - 1 - vertical : vertical
                        guard !isFunction[y][x], index < codewords.count * 8 else { continue }
                        modules[y][x] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y][x] {
                    let invert = switch mask {
                    case 0: (x + y) % 2 == 0
                    case 1: y % 2 == 0
                    case 2: x % 3 == 0
                    case 3: (x + y) % 3 == 0
                    case 4: (x / 3 + y / 2) % 2 == 0
                    case 5: x * y % 2 + x * y % 3 == 0
                    case 6: (x * y % 2 + x * y % 3) % 2 == 0
                    default: ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if invert { modules[y][x].toggle() }
                }
            }
        }

        /// The standard's penalty score: long runs, 2×2 blocks, finder look-alikes and an unbalanced share of dark.
        func penalty() -> Int {
            var score = 0
            let finderLike: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                        [false, false, false, false, true, false, true, true, true, false, true]]
            let lines = (0..<size).map { y in modules[y] } + (0..<size).map { x in (0..<size).map { modules[$0][x] } }
            for line in lines {
                var run = 1
                for i in 1..<line.count {
                    if line[i] == line[i - 1] { run += 1 } else { if run >= 5 { score += 3 + run - 5 }; run = 1 }
                }
                if run >= 5 { score += 3 + run - 5 }
                for start in 0...(line.count - 11) where finderLike.contains(where: { Array(line[start..<start + 11]) == $0 }) { score += 40 }
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let colour = modules[y][x]
                    if modules[y][x + 1] == colour && modules[y + 1][x] == colour && modules[y + 1][x + 1] == colour { score += 3 }
                }
            }
            let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
            let total = size * size
            score += ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10
            return score
        }
    }
}
