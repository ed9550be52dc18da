import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Screens a JSONL export of posts on every core and hands the results on in the file's order. The file
/// is read a block at a time, the next beside the screening of this one, and each block is cut at line
/// ends into a few shares per thread, so memory stays the same whatever the file's length (a block grows
/// only to hold a line longer than itself).
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
        // Two blocks: one is screened while the next is read into the other, after the unfinished line it
        // continues (reading alone would leave the other cores idle).
        var current = [UInt8](repeating: 0, count: max(blockSize, 1))
        var next = current
        var filled = 0
        var atEnd = false
        var firstLine = 1
        var totals = Totals()
        // Many small shares, taken as threads come free: a core slowed by other work on the machine then
        // holds up only a short share at the end of a block. Each share writes into the same memory block
        // after block, which saves the page faults of fresh memory.
        var shareOutputs: [ShareOutput] = []
        let nextRead = ReadResult()
        let toolbox = Toolbox(screener)
        while true {
            if filled < current.count && !atEnd {
                let count = current.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                guard count >= 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
                atEnd = count == 0
                filled += count
            }
            // Whole lines only, unless the file has ended: the rest waits for the next read.
            let usable = atEnd ? filled : current[0..<filled].lastIndex(of: 10).map { $0 + 1 } ?? 0
            if usable == 0 {
                if atEnd { break }
                // A line longer than the block: room for more of it.
                if filled == current.count { current += [UInt8](repeating: 0, count: current.count) }
                continue
            }
            let rest = filled - usable
            let shareCount = threads > 1 ? max(threads, usable / shareSize) : 1
            while shareOutputs.count < shareCount { shareOutputs.append(ShareOutput()) }
            let outputs = shareOutputs
            // The next block holds this one's unfinished line and at least as much again.
            if next.count < 2 * rest + 1 { next = [UInt8](repeating: 0, count: max(2 * rest + 1, next.count * 2)) }
            // With one thread the next block is read after this one is screened, not beside it.
            let readAlongside = threads > 1 && !atEnd
            let (shares, nextCount) = current.withUnsafeBufferPointer { bytes in
                next.withUnsafeMutableBytes { spare in
                    let block = Block(bytes: UnsafeBufferPointer(rebasing: bytes[0..<usable]))
                    let ahead = ReadAhead(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[usable..<filled]), into: spare, descriptor: descriptor)
                    let bounds = block.shares(shareCount)
                    let reading = readAlongside ? 1 : 0
                    let shares = Parallel.map(parts: bounds.count + reading) { part in
                        if part < reading {
                            nextRead.count = ahead.run()
                            return Share()
                        }
                        let share = part - reading
                        return screen(block, from: bounds[share].0, to: bounds[share].1, screener: screener, format: format, toolbox: toolbox,
                                      into: outputs[share])
                    }.dropFirst(reading)
                    return (shares, readAlongside ? nextRead.count : atEnd ? 0 : ahead.run())
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
            if atEnd { break }
            guard nextCount >= 0 else { throw FileByteSource.OpenError.unreadable(path: path) }
            atEnd = nextCount == 0
            filled = rest + nextCount
            swap(&current, &next)
        }
        return totals
    }

    /// About how many bytes of posts a share holds (some hundred posts): the work of one share is what a
    /// core waits for at the end of a block when the other was slowed.
    private static let shareSize = 20 << 10

    /// Reading the next block beside the screening of this one: the unfinished last line first, then as
    /// much of the file as fits.
    private struct ReadAhead: @unchecked Sendable {
        let from: UnsafeRawBufferPointer
        let into: UnsafeMutableRawBufferPointer
        let descriptor: Int32

        /// The bytes read after the unfinished line, 0 at the end of the file, -1 on an error.
        func run() -> Int {
            if from.count > 0 { memcpy(into.baseAddress!, from.baseAddress!, from.count) }
            return read(descriptor, into.baseAddress! + from.count, into.count - from.count)
        }
    }

    /// What the read beside the screening found: written by the part that reads, read after all parts are done.
    private final class ReadResult: @unchecked Sendable {
        var count = 0
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

    /// What screening posts on one thread needs besides its output, kept from share to share: each share
    /// takes one that is free, so storage grown for one share serves the next (shares are many and small).
    private struct Tools {
        var line = PostLine()
        var workspace: Screener.Workspace
        var scratch: [UInt8] = [], id: [UInt8] = []
    }

    /// The tools not in use; a share takes one and gives it back when done.
    private final class Toolbox: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [Tools] = []
        private let screener: Screener

        init(_ screener: Screener) { self.screener = screener }

        func take() -> Tools { lock.withLock { free.popLast() } ?? Tools(workspace: Screener.Workspace(screener)) }

        func give(_ tools: Tools) { lock.withLock { free.append(tools) } }
    }

    /// What one thread made of its share of a block.
    private struct Share: Sendable {
        var lines = 0, posts = 0, flags = 0
        /// Lines (0-based within the share) that are not posts.
        var unreadable: [Int] = []
    }

    private static func screen(_ block: Block, from start: Int, to end: Int, screener: Screener, format: Format, toolbox: Toolbox,
                               into output: ShareOutput) -> Share {
        var share = Share()
        var tools = toolbox.take()
        defer { toolbox.give(tools) }
        var out = output.bytes
        output.bytes = []
        defer { output.bytes = out }
        out.clear()
        // Results are about as long as the posts they come from; room for more spares the copies of growing.
        out.reserveCapacity((end - start) * 3 / 2)
        let base = block.bytes.baseAddress!
        var position = start
        while position < end {
            let newline = memchr(base + position, 10, end - position).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
            var stop = newline
            if stop > position && base[stop - 1] == 13 { stop -= 1 }
            let text = UnsafeBufferPointer(start: base + position, count: stop - position)
            // Blank lines are skipped; a line that starts with anything else is not blank.
            if let first = text.first, first != 32 && first != 9 || text.contains(where: { $0 != 32 && $0 != 9 }) {
                if tools.line.parse(text) {
                    let verdict = screener.judge(tools.line, in: &tools.workspace)
                    share.posts += 1
                    if verdict.partisan { share.flags += 1 }
                    switch format {
                    case .jsonLines:
                        // Not written from inside `withFields`: a closure that reads the workspace copies its evidence.
                        if let inLine = tools.line.bytesInLine(.id) {
                            screener.appendJSONLine(id: inLine, verdict, evidence: tools.workspace.evidence, to: &out, scratch: &tools.scratch)
                        } else {
                            // An id with escapes is decoded in the line reader's own memory.
                            _ = tools.line.copy(.id, into: &tools.id)
                            tools.id.withUnsafeBufferPointer { screener.appendJSONLine(id: $0, verdict, evidence: tools.workspace.evidence, to: &out, scratch: &tools.scratch) }
                        }
                    case .flagged:
                        if verdict.partisan { format.append(screener.result(id: tools.line.string(.id)!, verdict, evidence: tools.workspace.evidence), to: &out) }
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
