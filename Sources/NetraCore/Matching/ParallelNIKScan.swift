import Foundation

/// The exact NIK pass over a plain support-list file, on every core (see `ParallelLines`), looking only at
/// the NIK cell. The few rows that need more — a registered NIK, or a NIK cell that is not 16 clean digits
/// (it may still spell a NIK once cleaned) — are then read by the ordinary row-by-row path, so the hits are
/// exactly those `SupportListFile` gives. A file where a line is not a row is left to that path whole.
public enum ParallelNIKScan {
    public struct Result: Sendable {
        /// Rows read (blank lines are not rows), and the hits in file order.
        public let rows: Int
        public let hits: [MatchHit]
    }

    private struct Share: @unchecked Sendable {
        var rows = 0
        /// Scratch space for one line's cells (pointers into the read buffer, valid during that line only).
        var cells: [UnsafeBufferPointer<UInt8>] = []
        /// Line index within the share, and the line's bytes.
        var candidates: [(index: Int, bytes: [UInt8])] = []
    }

    /// Nil when the file must be read row by row instead; throws for a file without the columns.
    public static func run(path: String, matcher: SupportMatcher, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           minimumShare: Int = 1 << 20, bufferSize: Int = 4 << 20) throws(MatchFileError) -> Result? {
        let list: SupportListFile<FileByteSource>
        let scanned: (header: [UInt8], shares: [ParallelLines.Share<Share>])?
        do {
            list = try SupportListFile(source: try FileByteSource(path: path), name: path, pseudonymized: false)
            guard let nikColumn = list.nikPosition else { return nil }
            let separator = list.delimiter
            scanned = try ParallelLines.scan(path: path, threads: threads, minimumShare: minimumShare, bufferSize: bufferSize, initial: { _ in Share() }) {
                line, index, share in
                guard !line.isEmpty else { return }
                share.rows += 1
                ParallelLines.cells(line, separator: separator, upTo: nikColumn + 1, into: &share.cells)
                if share.cells.count > nikColumn, let key = NIKTable.key(share.cells[nikColumn]), !matcher.knowsNIK(key) { return }
                share.candidates.append((index, Array(line)))
            }
        } catch let error as MatchFileError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
        guard let scanned else { return nil }

        // Each candidate's physical line: the header is line 1, and each earlier share ends where this one starts.
        var candidates: [(line: Int, bytes: [UInt8])] = []
        var linesBefore = 0
        for share in scanned.shares {
            candidates += share.state.candidates.map { (2 + linesBefore + $0.index, $0.bytes) }
            linesBefore += share.lines
        }
        var hits: [MatchHit] = []
        if !candidates.isEmpty {
            var text = scanned.header + [10]
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
        return Result(rows: scanned.shares.reduce(0) { $0 + $1.state.rows }, hits: hits)
    }
}
