import Foundation

/// Reads a file in fixed-size chunks.
public struct FileByteSource: ByteSource {
    public enum OpenError: Error, CustomStringConvertible {
        case unreadable(path: String)
        public var description: String {
            switch self {
            case .unreadable(let path): "Berkas tidak dapat dibaca: \(path)"
            }
        }
    }

    private let handle: FileHandle
    private let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 16) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OpenError.unreadable(path: path) }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
            try? handle.close()
            return nil
        }
        return [UInt8](data)
    }
}
