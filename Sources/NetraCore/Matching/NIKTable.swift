/// NIK (as its 16-digit number) → positions in the ASN list. The exact pass probes it once per
/// supporter, tens of millions of times a run, so it is a flat open-addressing table with a
/// multiplicative hash rather than a Dictionary of arrays.
struct NIKTable: Sendable {
    private var keys: [UInt64]
    private var positions: [Int32]
    /// The rare NIK held by more than one ASN record (a registry fault, still worth every hit).
    private var shared: [UInt64: [Int]] = [:]
    private let shift: UInt64
    private let mask: Int

    init(expectedCount: Int) {
        var bits = 4
        while (1 << bits) < expectedCount * 2 { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        positions = Array(repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        mask = (1 << bits) - 1
    }

    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Key 0 marks an empty slot; no valid NIK is 0 (its first two digits are a province code).
    mutating func insert(_ key: UInt64, position: Int) {
        guard key != 0 else { return }
        var index = slot(key)
        while keys[index] != 0 {
            if keys[index] == key {
                shared[key, default: [Int(positions[index])]].append(position)
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = key
        positions[index] = Int32(position)
    }

    func positions(of key: UInt64) -> [Int]? {
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key && key != 0 { return shared[key] ?? [Int(positions[index])] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool {
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return key != 0 }
            if found == 0 { return false }
            index = (index + 1) & mask
        }
    }

    /// The number a cell of exactly 16 ASCII digits (spaces around allowed) spells; nil otherwise, in
    /// which case the caller reads the cell the slow way.
    static func key<Cell: Collection<UInt8>>(_ cell: Cell) -> UInt64? where Cell.Index == Int {
        var start = cell.startIndex, end = cell.endIndex
        while start < end && cell[start] == 32 { start += 1 }
        while end > start && cell[end - 1] == 32 { end -= 1 }
        guard end - start == 16 else { return nil }
        var value: UInt64 = 0
        for index in start..<end {
            let digit = cell[index] &- 48
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        return value
    }
}
