import Foundation
import NetraSamples
import Testing
import Vapor
@testable import NetraWeb

/// #19 item 5: a public upload is read as it arrives, its files written to disk, under its limits.
@Suite("Multipart bodies streamed to disk")
struct MultipartStreamTests {
    static let limits = MultipartLimits(maxBodyBytes: 100_000, maxFileBytes: 5_000)

    static func read(_ body: ByteBuffer, chunk: Int, limits: MultipartLimits = limits) throws -> StreamedForm {
        let reader = try MultipartStreamReader(boundary: "netra-report-boundary", limits: limits,
                                               directory: FileManager.default.temporaryDirectory.appendingPathComponent("netra-upload-\(UUID().uuidString)"))
        var rest = body
        while let piece = rest.readSlice(length: min(chunk, rest.readableBytes)), piece.readableBytes > 0 { try reader.feed(piece) }
        return try reader.finish()
    }

    @Test("fed byte by byte or in one piece, the fields and files are the same; files lie on disk until discarded", arguments: [1, 7, 64, 100_000])
    func chunking(chunk: Int) throws {
        let photo = EvidenceSamples.jpeg(Array(repeating: 0x2D, count: 300) + Array("\r\n--netra-report-boundar".utf8))
        let (body, _) = multipart([("deskripsi", "Camat ikut kampanye.\r\nBaris kedua — dengan huruf é."), ("tautan", "")],
                                  files: [("bukti[]", "baliho.jpg", photo), ("bukti[]", "", [])])
        let form = try Self.read(body, chunk: chunk)
        #expect(form.value("deskripsi") == "Camat ikut kampanye.\r\nBaris kedua — dengan huruf é." && form.value("tautan") == "")
        let files = try form.files("bukti")
        #expect(files.count == 1 && files[0].name == "baliho.jpg" && files[0].bytes == photo)
        #expect(FileManager.default.fileExists(atPath: form.files[0].path.path))
        form.discard()
        #expect(!FileManager.default.fileExists(atPath: form.directory.path))
    }

    @Test("a file or a body over its limit, a bad header name, invalid text and a cut body are refused")
    func refusals() throws {
        let (big, _) = multipart([("deskripsi", "x")], files: [("bukti[]", "besar.jpg", Array(repeating: 1, count: 6_000))])
        #expect { try Self.read(big, chunk: 512) } throws: { ($0 as? any AbortError)?.status == .payloadTooLarge }
        #expect { try Self.read(big, chunk: 512, limits: MultipartLimits(maxBodyBytes: 1_000, maxFileBytes: 10_000)) } throws: {
            ($0 as? any AbortError)?.status == .payloadTooLarge
        }
        var badName = ByteBuffer(string: "--netra-report-boundary\r\nContent-Disposition: form-data; name=\"a\"\r\nX-\u{00E9}: 1\r\n\r\nisi\r\n--netra-report-boundary--\r\n")
        #expect(throws: UnreadableForm.self) { try Self.read(badName, chunk: 3) }
        badName = ByteBuffer(bytes: Array("--netra-report-boundary\r\nContent-Disposition: form-data; name=\"deskripsi\"\r\n\r\n".utf8) + [0xC3, 0x28]
                             + Array("\r\n--netra-report-boundary--\r\n".utf8))
        #expect { try Self.read(badName, chunk: 5) } throws: { ($0 as? UnreadableForm)?.reason.contains("deskripsi") == true }
        let (whole, _) = multipart([("deskripsi", "terpotong")], files: [])
        #expect(throws: UnreadableForm.self) { try Self.read(whole.getSlice(at: 0, length: whole.readableBytes - 10)!, chunk: 16) }
    }
}
