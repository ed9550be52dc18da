/// Reads a byte stream line by line (LF or CRLF), for JSONL input of any length in constant memory.
public struct LineReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    public private(set) var lineNumber = 0

    public init(source: Source) { self.source = source }

    /// The next line's bytes without its line end, or nil at the end of input.
    public mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 10) {
                var line = Array(buffer[position..<newline])
                position = newline + 1
                if line.last == 13 { line.removeLast() }
                lineNumber += 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                lineNumber += 1
                return line
            }
            if let chunk = try source.nextChunk(), !chunk.isEmpty {
                buffer.removeFirst(position)
                position = 0
                buffer.append(contentsOf: chunk)
            } else {
                finished = true
            }
        }
    }
}
