import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact NIK pass over a plain support-list file, on every core: the file is cut into as many byte
/// ranges as there are threads, each scanned line by line straight from a reused read buffer, looking only
/// at the NIK cell. The few rows that need more — a registered NIK, or a NIK cell that is not 16 clean
/// digits (it may still spell a NIK once cleaned) — are then read by the ordinary row-by-row path, so the
/// hits are exactly those `SupportListFile` gives. A file with a quote or a lone carriage return in it
/// (where a line is not a row) is left to that path whole.
public enum ParallelNIKScan {
    public struct Result: Sendable {
        /// Rows read (blank lines are not rows), and the hits in file order.
        public let rows: Int
        public let hits: [MatchHit]
    }

    /// One thread's share: the lines that start in its byte range.
    private struct Share: Sendable {
        var lines = 0
        var rows = 0
        /// Line index within the share, and the line's bytes.
        var candidates: [(index: Int, bytes: [UInt8])] = []
        var needsCSVReader = false
    }

    /// Nil when the file must be read row by row instead (see above); throws for a file without the columns.
    /// `minimumShare` bytes at least per thread (a small file is not worth splitting); `bufferSize` per thread.
    public static func run(path: String, matcher: SupportMatcher, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           minimumShare: Int = 1 << 20, bufferSize: Int = 4 << 20) throws(MatchFileError) -> Result? {
        let list: SupportListFile<FileByteSource>
        do {
            list = try SupportListFile(source: try FileByteSource(path: path), name: path, pseudonymized: false)
        } catch let error as MatchFileError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
        guard let nikColumn = list.nikPosition else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: "open") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(file: path, reason: "stat") }
        let size = Int(status.st_size)
        guard let dataStart = headerEnd(descriptor, size: size) else { return nil }

        let count = max(1, min(threads, (size - dataStart) / max(1, minimumShare) + 1))
        let shares = SharesBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let begin = dataStart + (size - dataStart) * part / count
            let end = dataStart + (size - dataStart) * (part + 1) / count
            shares.set(part, scan(descriptor, from: begin, to: end, first: part == 0, size: size, nikColumn: nikColumn, matcher: matcher,
                                  bufferSize: bufferSize))
        }
        let parts = shares.all
        if parts.contains(where: \.needsCSVReader) { return nil }

        // Each candidate's physical line: the header is line 1, and each earlier share ends where this one starts.
        var candidates: [(line: Int, bytes: [UInt8])] = []
        var linesBefore = 0
        for part in parts {
            candidates += part.candidates.map { (2 + linesBefore + $0.index, $0.bytes) }
            linesBefore += part.lines
        }
        var hits: [MatchHit] = []
        if !candidates.isEmpty {
            let header = readBytes(descriptor, at: 0, count: dataStart)
            var text = header
            for candidate in candidates { text += candidate.bytes + [10] }
            var reread = try SupportListFile(source: MemoryByteSource(text), name: path, pseudonymized: false)
            var index = 0
            while let outcome = try reread.next(matchingWith: matcher) {
                if case .hits(let found) = outcome {
                    let line = candidates[index].line
                    hits += found.map { MatchHit(supportLine: line, nip: $0.nip, pair: $0.pair, method: $0.method, confidence: $0.confidence, reason: $0.reason) }
                }
                index += 1
            }
        }
        return Result(rows: parts.reduce(0) { $0 + $1.rows }, hits: hits)
    }

    /// Where the first data line starts; nil when the header line holds a quote or is not found.
    private static func headerEnd(_ descriptor: Int32, size: Int) -> Int? {
        let head = readBytes(descriptor, at: 0, count: min(size, 1 << 16))
        guard let newline = head.firstIndex(of: 10), !head[..<newline].contains(34) else { return nil }
        return newline + 1
    }

    private static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return Array(bytes.prefix(max(0, read)))
    }

    /// Scans the lines that start in [begin, end): a line starts at `begin` only when it is the first share
    /// or the byte before is a line feed; otherwise the first line belongs to the share before.
    private static func scan(_ descriptor: Int32, from begin: Int, to end: Int, first: Bool, size: Int, nikColumn: Int,
                             matcher: SupportMatcher, bufferSize: Int) -> Share {
        var share = Share()
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var position = begin
        var skipPartialLine = !first
        if skipPartialLine, begin > 0, readBytes(descriptor, at: begin - 1, count: 1) == [10] { skipPartialLine = false }
        var kept = 0
        var lineStartOffset = begin
        while true {
            if kept == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let wanted = buffer.count - kept
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + kept, wanted, off_t(position)) }
            let atEnd = read <= 0 || position + read >= size
            let filled = kept + max(0, read)
            position += max(0, read)
            var consumed = 0
            let stop: Bool = buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                if memchr(base + kept, 34, filled - kept) != nil { share.needsCSVReader = true; return true }
                // A carriage return is only allowed right before a line feed, or as the file's last byte. One at the
                // end of the buffer is looked at again with the next read (it stays in the unfinished line).
                var search = max(0, kept - 1)
                while search < filled, let found = memchr(base + search, 13, filled - search) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if offset + 1 < filled && base[offset + 1] != 10 { share.needsCSVReader = true; return true }
                    search = offset + 1
                }
                var start = 0
                while start < filled {
                    guard let found = memchr(base + start, 10, filled - start) else { break }
                    let lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if skipPartialLine {
                        skipPartialLine = false
                    } else {
                        if lineStartOffset >= end { return true }
                        take(base, start, lineEnd, nikColumn: nikColumn, matcher: matcher, into: &share)
                    }
                    lineStartOffset += lineEnd + 1 - start
                    start = lineEnd + 1
                }
                consumed = start
                if atEnd {
                    // The last line without a final line feed.
                    if start < filled && !skipPartialLine && lineStartOffset < end { take(base, start, filled, nikColumn: nikColumn, matcher: matcher, into: &share) }
                    return true
                }
                return false
            }
            if stop { return share }
            // Keep the unfinished line at the front of the buffer.
            kept = filled - consumed
            if kept > 0 && consumed > 0 { buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + consumed, kept) } }
        }
    }

    /// One line [start, end) of the buffer: counted, and kept as a candidate when its NIK cell needs a closer look.
    private static func take(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, nikColumn: Int, matcher: SupportMatcher, into share: inout Share) {
        let index = share.lines
        share.lines += 1
        var stop = end
        if stop > start && base[stop - 1] == 13 { stop -= 1 }
        guard stop > start else { return }
        share.rows += 1
        var cellStart = start
        for _ in 0..<nikColumn {
            guard let comma = memchr(base + cellStart, 44, stop - cellStart) else { cellStart = stop; break }
            cellStart = base.distance(to: comma.assumingMemoryBound(to: UInt8.self)) + 1
        }
        let cellEnd = memchr(base + cellStart, 44, stop - cellStart).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? stop
        if let key = NIKTable.key(UnsafeBufferPointer(start: base + cellStart, count: cellEnd - cellStart)), !matcher.knowsNIK(key) { return }
        share.candidates.append((index, Array(UnsafeBufferPointer(start: base + start, count: stop - start))))
    }

    private final class SharesBox: @unchecked Sendable {
        private let lock = NSLock()
        private var shares: [Share]

        init(count: Int) { shares = Array(repeating: Share(), count: count) }

        func set(_ index: Int, _ share: Share) { lock.withLock { shares[index] = share } }

        var all: [Share] { lock.withLock { shares } }
    }
}
