import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data lines of a large CSV file read on several threads: the file is cut into byte ranges, each read
/// through its own reused buffer, and every line after the header is handed to a callback with the share's
/// own state. Only for files where a line is a row: a quote or a lone carriage return anywhere makes the
/// scan give up (nil), and the caller reads the file with `CSVReader` instead.
public enum ParallelLines {
    /// One thread's part: the lines that start in its byte range, and what the callback made of them.
    public struct Share<State: Sendable>: Sendable {
        public var lines = 0
        public var state: State
        var gaveUp = false
    }

    /// The file's first line (the header, as bytes) and each share in file order; nil when the file is not
    /// line-per-row or has no header line. `line` gets each data line without its line end (empty for a
    /// blank line) and the line's index within the share. `initial` gets an estimate of the share's line count
    /// (from the lines at the start of the file), so results can be reserved rather than grown.
    public static func scan<State: Sendable>(path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                            minimumShare: Int = 1 << 20, bufferSize: Int = 4 << 20,
                                            initial: @Sendable (_ estimatedLines: Int) -> State,
                                            line: @escaping @Sendable (UnsafeBufferPointer<UInt8>, Int, inout State) -> Void)
        throws -> (header: [UInt8], shares: [Share<State>])? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
        let size = Int(status.st_size)
        let head = readBytes(descriptor, at: 0, count: min(size, 1 << 16))
        guard let newline = head.firstIndex(of: 10), !head[..<newline].contains(34) else { return nil }
        let dataStart = newline + 1

        let count = max(1, min(threads, (size - dataStart) / max(1, minimumShare) + 1))
        let sampledLines = head[dataStart...].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        // At most one line per 32 bytes: a file that starts with short lines must not reserve for billions.
        let averageLine = max(32, (head.count - dataStart) / max(1, sampledLines))
        let parts = Parallel.map(parts: count) { part in
            let begin = dataStart + (size - dataStart) * part / count
            let end = dataStart + (size - dataStart) * (part + 1) / count
            var share = Share(state: initial((end - begin) / averageLine + 16))
            scan(descriptor, from: begin, to: end, first: part == 0, size: size, bufferSize: bufferSize, into: &share, line: line)
            return share
        }
        return parts.contains(where: \.gaveUp) ? nil : (Array(head[..<newline]), parts)
    }

    private static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return Array(bytes.prefix(max(0, read)))
    }

    /// The lines that start in [begin, end): a line starts at `begin` only in the first share or when the byte
    /// before is a line feed; otherwise the first line belongs to the share before. The last line may run past `end`.
    private static func scan<State>(_ descriptor: Int32, from begin: Int, to end: Int, first: Bool, size: Int, bufferSize: Int,
                                    into share: inout Share<State>, line: (UnsafeBufferPointer<UInt8>, Int, inout State) -> Void) {
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var position = begin
        var skipPartialLine = !first && readBytes(descriptor, at: begin - 1, count: 1) != [10]
        var kept = 0
        var lineStart = begin
        func hand(_ base: UnsafePointer<UInt8>, _ start: Int, _ stop: Int) {
            var stop = stop
            if stop > start && base[stop - 1] == 13 { stop -= 1 }
            line(UnsafeBufferPointer(start: base + start, count: stop - start), share.lines, &share.state)
            share.lines += 1
        }
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
                if memchr(base + kept, 34, filled - kept) != nil { share.gaveUp = true; return true }
                // A carriage return is only allowed right before a line feed, or as the file's last byte. One at the
                // end of the buffer is looked at again with the next read (it stays in the unfinished line).
                var search = max(0, kept - 1)
                while search < filled, let found = memchr(base + search, 13, filled - search) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if offset + 1 < filled && base[offset + 1] != 10 { share.gaveUp = true; return true }
                    search = offset + 1
                }
                var start = 0
                while start < filled, let found = memchr(base + start, 10, filled - start) {
                    let lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if skipPartialLine {
                        skipPartialLine = false
                    } else {
                        if lineStart >= end { return true }
                        hand(base, start, lineEnd)
                    }
                    lineStart += lineEnd + 1 - start
                    start = lineEnd + 1
                }
                consumed = start
                if atEnd {
                    // The last line, without a final line feed.
                    if start < filled && !skipPartialLine && lineStart < end { hand(base, start, filled) }
                    return true
                }
                return false
            }
            if stop { return }
            // The unfinished line moves to the front of the buffer.
            kept = filled - consumed
            if kept > 0 && consumed > 0 { buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + consumed, kept) } }
        }
    }

    /// The cells of an unquoted line, split at `separator`, up to `count` of them, into `cells` (its storage is
    /// reused from line to line).
    public static func cells(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8, upTo count: Int, into cells: inout [UnsafeBufferPointer<UInt8>]) {
        cells.removeAll(keepingCapacity: true)
        guard let base = line.baseAddress else { return }
        var start = 0
        while cells.count < count {
            guard let found = memchr(base + start, Int32(separator), line.count - start) else {
                cells.append(UnsafeBufferPointer(start: base + start, count: line.count - start))
                return
            }
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            cells.append(UnsafeBufferPointer(start: base + start, count: offset - start))
            start = offset + 1
        }
    }
}
