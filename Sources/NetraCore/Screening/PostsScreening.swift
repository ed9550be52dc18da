import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Screens a JSONL export of posts on every core and hands the results on in the file's order. The file
/// is read a block at a time and each block is cut at line ends into one share per thread, so memory
/// stays the same whatever the file's length (a block grows only to hold a line longer than itself).
public enum PostsScreening {
    public struct Totals: Sendable {
        public var posts = 0
        public var flags = 0
        public var unreadable = 0

        public init() {}
    }

    /// What is written for the posts.
    public enum Format: Sendable {
        /// Every result as a JSON line, as `ScreeningResult.jsonLine()` writes it.
        case jsonLines
        /// A line of text for each flagged post.
        case flagged(@Sendable (ScreeningResult) -> String)

        /// Appends what this format writes for one result (the JSONL path writes its lines without building one).
        public func append(_ result: ScreeningResult, to out: inout [UInt8]) {
            switch self {
            case .jsonLines: out += result.jsonLine()
            case .flagged(let describe): if result.partisan { out += describe(result).utf8 }
            }
        }
    }

    /// - Parameters:
    ///   - format: how results are written (on the worker threads).
    ///   - output: receives the output of each share, in file order.
    ///   - unreadable: the line number (1-based, as in the file) of each line that is not a post, in order.
    ///   - progress: the totals after each block.
    public static func run(path: String, screener: Screener, threads: Int = ProcessInfo.processInfo.activeProcessorCount, blockSize: Int = 4 << 20,
                           format: Format, output: ([UInt8]) throws -> Void, unreadable: (Int) -> Void = { _ in },
                           progress: (Totals) -> Void = { _ in }) throws -> Totals {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: max(blockSize, 1))
        var kept = 0
        var firstLine = 1
        var totals = Totals()
        var atEnd = false
        // A few shares per thread, taken as threads come free: a core slowed by other work on the machine
        // then holds up only its last share, not half the block. Each share writes into the same memory block
        // after block, which saves the page faults of fresh memory.
        let shareOutputs = (0..<(threads > 1 ? threads * 8 : 1)).map { _ in ShareOutput() }
        while !atEnd {
            if kept == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let wanted = buffer.count - kept
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + kept, wanted) }
            guard count >= 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
            atEnd = count == 0
            let filled = kept + count
            // Whole lines only, unless the file has ended: the rest waits for the next read.
            let usable = atEnd ? filled : buffer[kept..<filled].lastIndex(of: 10).map { $0 + 1 } ?? 0
            if usable == 0 && !atEnd {
                kept = filled
                continue
            }
            let shares = buffer.withUnsafeBufferPointer { bytes in
                let block = Block(bytes: UnsafeBufferPointer(rebasing: bytes[0..<usable]))
                let bounds = block.shares(shareOutputs.count)
                return Parallel.map(parts: bounds.count) { part in
                    screen(block, from: bounds[part].0, to: bounds[part].1, screener: screener, format: format, into: shareOutputs[part])
                }
            }
            for (share, written) in zip(shares, shareOutputs) {
                for line in share.unreadable { unreadable(firstLine + line) }
                firstLine += share.lines
                totals.posts += share.posts
                totals.flags += share.flags
                totals.unreadable += share.unreadable.count
                if !written.bytes.isEmpty { try output(written.bytes) }
            }
            progress(totals)
            kept = filled - usable
            if kept > 0 { buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + usable, kept) } }
        }
        return totals
    }

    /// A block of whole lines, shared read-only by the threads while they screen it.
    private struct Block: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>

        /// `parts` byte ranges of about equal size, each starting at a line.
        func shares(_ parts: Int) -> [(Int, Int)] {
            var bounds: [(Int, Int)] = []
            var start = 0
            for part in 1...parts {
                var end = part == parts ? bytes.count : max(start, bytes.count * part / parts)
                if part < parts, end < bytes.count, end > 0, bytes[end - 1] != 10 {
                    end = memchr(bytes.baseAddress! + end, 10, bytes.count - end).map { bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? bytes.count
                }
                bounds.append((start, end))
                start = end
            }
            return bounds
        }
    }

    /// What one share of each block writes, kept from block to block. Only the thread screening that share
    /// writes it, and the results are read after every share is done.
    private final class ShareOutput: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    /// What one thread made of its share of a block.
    private struct Share: Sendable {
        var lines = 0, posts = 0, flags = 0
        /// Lines (0-based within the share) that are not posts.
        var unreadable: [Int] = []
    }

    private static func screen(_ block: Block, from start: Int, to end: Int, screener: Screener, format: Format, into output: ShareOutput) -> Share {
        var share = Share()
        var out = output.bytes
        output.bytes = []
        defer { output.bytes = out }
        out.clear()
        // Results are about as long as the posts they come from; room for more spares the copies of growing.
        out.reserveCapacity((end - start) * 3 / 2)
        var line = PostLine()
        var workspace = Screener.Workspace(screener)
        var scratch: [UInt8] = [], id: [UInt8] = []
        let base = block.bytes.baseAddress!
        var position = start
        while position < end {
            let newline = memchr(base + position, 10, end - position).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
            var stop = newline
            if stop > position && base[stop - 1] == 13 { stop -= 1 }
            let text = UnsafeBufferPointer(start: base + position, count: stop - position)
            // Blank lines are skipped; a line that starts with anything else is not blank.
            if let first = text.first, first != 32 && first != 9 || text.contains(where: { $0 != 32 && $0 != 9 }) {
                if line.parse(text) {
                    let verdict = screener.judge(line, in: &workspace)
                    share.posts += 1
                    if verdict.partisan { share.flags += 1 }
                    switch format {
                    case .jsonLines:
                        // Not written from inside `withFields`: a closure that reads the workspace copies its evidence.
                        _ = line.copy(.id, into: &id)
                        screener.appendJSONLine(id: id, verdict, evidence: workspace.evidence, to: &out, scratch: &scratch)
                    case .flagged:
                        if verdict.partisan { format.append(screener.result(id: line.string(.id)!, verdict, evidence: workspace.evidence), to: &out) }
                    }
                } else {
                    share.unreadable.append(share.lines)
                }
            }
            share.lines += 1
            position = newline + 1
        }
        return share
    }
}

extension Screener {
    /// Screens the post a parsed JSONL line holds.
    func judge(_ line: PostLine, in work: inout Workspace) -> Verdict {
        let hasTarget = line.hasTarget
        return line.withFields { field in
            let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            return judge(kind: Kind(field(.kind)), text: field(.text) ?? none, targetAuthor: hasTarget ? field(.targetAuthor) : nil,
                         targetText: (hasTarget ? field(.targetText) : nil) ?? none, in: &work)
        }
    }
}
