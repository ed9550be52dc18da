#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every word the screening phrases are made of, each with a number, looked up straight from a post's
/// bytes: a token is compared with the lexicon by its word number, never as a `String`.
struct ScreeningVocabulary: Sendable {
    typealias WordID = Int32
    static let unknown: WordID = -1

    private var table = ByteTable()
    /// By word number: for one of the guide's informal words ("yg", "gk", "nmr"), the number of the word it
    /// stands for; -1 for every other word. Every vocabulary has them, so a token is looked up once.
    private var replacements: [WordID] = []
    /// The words of every phrase in a row, as written and squeezed: a phrase is a range here, so phrases
    /// are plain values that cost nothing to pass around.
    private(set) var phraseWords: [WordID] = []
    private(set) var phraseSqueezed: [WordID] = []

    var count: Int { table.count }

    mutating func addPhrase(words: [WordID], squeezed: [WordID]) -> Range<Int> {
        let start = phraseWords.count
        phraseWords.append(contentsOf: words)
        phraseSqueezed.append(contentsOf: squeezed)
        return start..<phraseWords.count
    }

    init() {
        for (informal, formal) in GuideLexicon.informal.sorted(by: { $0.key < $1.key }) {
            let word = intern(informal)
            replacements[Int(word)] = intern(formal)
        }
    }

    /// The word's number, given to it now if it is new.
    mutating func intern(_ word: [UInt8]) -> WordID {
        let id = WordID(table.insert(word))
        if Int(id) == replacements.count { replacements.append(Self.unknown) }
        return id
    }

    /// The number of the word an informal word stands for, or nil.
    func replacement(of id: WordID) -> WordID? {
        guard id >= 0, case let formal = replacements[Int(id)], formal >= 0 else { return nil }
        return formal
    }

    mutating func intern(_ word: String) -> WordID { intern(Array(word.utf8)) }

    func id(_ word: UnsafeBufferPointer<UInt8>) -> WordID { table.find(word).map(WordID.init) ?? Self.unknown }

    /// The number of the ASCII letters and digits at `base` in lower case (see `ByteTable.find`).
    @inline(__always)
    func id(lowering base: UnsafePointer<UInt8>, count: Int, readable: Int) -> WordID {
        table.find(base, count: count, readable: readable, lowering: true).map(WordID.init) ?? Self.unknown
    }

    func id(_ word: ArraySlice<UInt8>) -> WordID { word.withUnsafeBufferPointer { id($0) } }

    /// A word's bytes, where the table keeps them.
    func word(_ id: WordID) -> ArraySlice<UInt8> { table.key(Int(id)) }
}

/// Byte strings numbered in the order they were added, found by open addressing on a hash of their bytes.
struct ByteTable: Sendable {
    private var keys: [UInt8] = []
    /// Start and end of each key in `keys`, by number.
    private var bounds: [(start: Int, end: Int)] = []
    private var hashes: [UInt64] = []
    /// By number, a key shorter than eight bytes as one number (`shortKey`), 0 for any other: such a key is
    /// compared at once.
    private var shortKeys: [UInt64] = []
    /// Per slot, 0 when empty, else the key's number + 1 in the low half and the high half of its hash in
    /// the high half (most words looked up are not keys: they are told apart without touching the keys).
    /// A power of two in size, at most a quarter full.
    private var slots = [UInt64](repeating: 0, count: 64)

    var count: Int { bounds.count }

    func key(_ number: Int) -> ArraySlice<UInt8> { keys[bounds[number].start..<bounds[number].end] }

    mutating func insert(_ key: [UInt8]) -> Int {
        if let known = key.withUnsafeBufferPointer({ find($0) }) { return known }
        if (bounds.count + 1) * 4 > slots.count { grow() }
        let number = bounds.count
        bounds.append((keys.count, keys.count + key.count))
        keys.append(contentsOf: key)
        hashes.append(key.withUnsafeBufferPointer { Self.hash($0.baseAddress, count: $0.count, readable: $0.count, lowering: false) })
        shortKeys.append(key.count > 0 && key.count < 8 ? key.withUnsafeBufferPointer { Self.shortKey($0.baseAddress!, count: $0.count, readable: $0.count, lowering: false) } : 0)
        place(number, hash: hashes[number])
        return number
    }

    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? { find(key.baseAddress, count: key.count, readable: key.count, lowering: false) }

    /// The number of the key made of the `count` bytes at `base` — in lower case, when `lowering`, which
    /// only ASCII letters and digits may be (setting each byte's 0x20 bit is their lower case). `readable`
    /// bytes from `base` may be read, `count` or more: a short key is then read in one load.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>?, count: Int, readable: Int, lowering: Bool) -> Int? {
        let isShort = count > 0 && count < 8
        let short = isShort ? Self.shortKey(base!, count: count, readable: readable, lowering: lowering) : 0
        let hash = isShort ? Self.hash(shortKey: short, count: count) : Self.hash(base, count: count, readable: readable, lowering: lowering)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == hash >> 32 {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let bound = bounds[number]
                if bound.end - bound.start == count && (count == 0 || (isShort ? shortKeys[number] == short : keys.withUnsafeBufferPointer { keys in
                    lowering ? Self.equalLowered(base!, UnsafeRawPointer(keys.baseAddress! + bound.start), count: count)
                        : memcmp(keys.baseAddress! + bound.start, base!, count) == 0
                })) {
                    return number
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether the `count` bytes at `base` (eight or more), lowered by their 0x20 bit, are the key's: eight
    /// bytes at a time, the last eight overlapping the step before.
    @inline(__always)
    private static func equalLowered(_ base: UnsafePointer<UInt8>, _ key: UnsafeRawPointer, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base), lower: UInt64 = 0x2020_2020_2020_2020
        var offset = 0
        while offset + 8 < count {
            guard raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | lower == key.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        return raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) | lower == key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    private mutating func place(_ number: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for number in bounds.indices { place(number, hash: hashes[number]) }
    }

    /// Eight bytes at a time (most words are one step; the last eight bytes of a longer word overlap the
    /// step before), mixed so that the low bits used for the slot and the high bits kept in it depend on
    /// every byte. Only this process's table uses it, so the machine's byte order does not matter, except
    /// that a short key reads the same whether it is loaded at once or byte by byte.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>?, count: Int, readable: Int, lowering: Bool) -> UInt64 {
        guard let base, count > 0 else { return (0x9E37_79B9_7F4A_7C15 ^ UInt64(count)) &* 0x94D0_49BB_1331_11EB }
        if count < 8 { return hash(shortKey: shortKey(base, count: count, readable: readable, lowering: lowering), count: count) }
        let raw = UnsafeRawPointer(base)
        let lower: UInt64 = lowering ? 0x2020_2020_2020_2020 : 0
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 < count {
            hash = step(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | lower)
            offset += 8
        }
        hash = step(hash, raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) | lower)
        return finish(hash)
    }

    @inline(__always)
    private static func hash(shortKey: UInt64, count: Int) -> UInt64 { finish(step(0x9E37_79B9_7F4A_7C15 ^ UInt64(count), shortKey)) }

    @inline(__always)
    private static func step(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (hash ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }

    @inline(__always)
    private static func finish(_ hash: UInt64) -> UInt64 { (hash ^ (hash >> 29)) &* 0x94D0_49BB_1331_11EB }

    /// A key of one to seven bytes as one number, its first byte lowest and the rest zero, lowered by each
    /// byte's 0x20 bit when `lowering`; read in one load when eight bytes are readable, the same as byte by byte.
    @inline(__always)
    private static func shortKey(_ base: UnsafePointer<UInt8>, count: Int, readable: Int, lowering: Bool) -> UInt64 {
        let used: UInt64 = ~0 >> UInt64(64 - 8 * count)
        var chunk: UInt64 = 0
        if readable >= 8 {
            chunk = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) & used
        } else {
            for position in 0..<count { chunk |= UInt64(base[position]) << UInt64(position * 8) }
        }
        return lowering ? chunk | (0x2020_2020_2020_2020 & used) : chunk
    }
}
