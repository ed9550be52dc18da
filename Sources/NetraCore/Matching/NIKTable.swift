import Foundation

/// NIK (as its 16-digit number) → positions in the ASN list. The exact pass probes it once per
/// supporter, tens of millions of times a run, so it is a flat open-addressing table with a
/// multiplicative hash rather than a Dictionary of arrays. Nearly every probe misses, so a bitset of
/// sixteen bits per NIK (small enough to stay in cache, unlike the table) answers most of them first.
/// The table is cut into regions by the hash's top bits, each probed within itself, so every core
/// fills its own region when the registry is loaded.
struct NIKTable: Sendable {
    private var keys: [UInt64]
    private var positions: [Int32]
    private var seen: [UInt64]
    /// The rare NIK held by more than one ASN record (a registry fault, still worth every hit).
    private var shared: [UInt64: [Int]] = [:]
    private let layout: Layout

    /// The NIKs `key(i)` gives for positions 0..<count (nil: none), inserted on up to `threads` cores.
    init(count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, key: @Sendable (Int) -> UInt64?) {
        var bits = 4
        while (1 << bits) < count * 2 { bits += 1 }
        var regionBits = 0
        while (1 << (regionBits + 1)) <= threads && bits - regionBits > 12 { regionBits += 1 }
        let seenBits = bits + 3
        let layout = Layout(slotShift: UInt64(64 - bits), seenShift: UInt64(64 - seenBits + regionBits), regionShift: bits - regionBits,
                            seenRegionShift: seenBits - regionBits)
        self.layout = layout
        keys = Array(repeating: 0, count: 1 << bits)
        positions = Array(repeating: 0, count: 1 << bits)
        seen = Array(repeating: 0, count: (1 << seenBits) / 64)

        let regions = 1 << regionBits
        let duplicates = keys.withUnsafeMutableBufferPointer { keys in
            positions.withUnsafeMutableBufferPointer { positions in
                seen.withUnsafeMutableBufferPointer { seen in
                    let buffers = Buffers(keys: keys, positions: positions, seen: seen)
                    // Each region's slots and bitset words are written by its own thread only.
                    return Parallel.map(parts: regions) { region in
                        var found: [UInt64: [Int]] = [:]
                        for position in 0..<count {
                            guard let key = key(position), key != 0, layout.region(key) == region else { continue }
                            let bit = layout.seenBit(key)
                            buffers.seen[bit >> 6] |= 1 << UInt64(bit & 63)
                            var index = layout.slot(key)
                            while buffers.keys[index] != 0 && buffers.keys[index] != key { index = layout.next(index) }
                            if buffers.keys[index] == key {
                                found[key, default: [Int(buffers.positions[index])]].append(position)
                            } else {
                                buffers.keys[index] = key
                                buffers.positions[index] = Int32(position)
                            }
                        }
                        return found
                    }
                }
            }
        }
        shared = duplicates.reduce(into: [:]) { $0.merge($1) { old, _ in old } }
    }

    private struct Buffers: @unchecked Sendable {
        let keys: UnsafeMutableBufferPointer<UInt64>
        let positions: UnsafeMutableBufferPointer<Int32>
        let seen: UnsafeMutableBufferPointer<UInt64>
    }

    /// Where a key lives: its slot and bitset bit, each within the key's region (the hash's top bits).
    private struct Layout: Sendable {
        let slotShift: UInt64, seenShift: UInt64
        /// How many low bits of a slot and of a bitset bit lie within a region.
        let regionShift: Int, seenRegionShift: Int

        func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> slotShift) }

        func region(_ key: UInt64) -> Int { slot(key) >> regionShift }

        /// The next slot to probe, wrapping within the region.
        func next(_ index: Int) -> Int {
            let mask = (1 << regionShift) - 1
            return (index & ~mask) | ((index + 1) & mask)
        }

        /// From a second multiplier, so the bitset's misses are not the table's collisions.
        func seenBit(_ key: UInt64) -> Int {
            (region(key) << seenRegionShift) | Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> seenShift)
        }
    }

    func positions(of key: UInt64) -> [Int]? {
        guard contains(key) else { return nil }
        var index = layout.slot(key)
        while keys[index] != key { index = layout.next(index) }
        return shared[key] ?? [Int(positions[index])]
    }

    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return false }
        let bit = layout.seenBit(key)
        guard seen[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
        var index = layout.slot(key)
        while true {
            let found = keys[index]
            if found == key { return true }
            if found == 0 { return false }
            index = layout.next(index)
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
