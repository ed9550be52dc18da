import NetraCore
import Testing

@Suite("An image's declared pixel size is read from its header without decoding it")
struct ImageSizeTests {
    @Test("PNG, GIF, JPEG and the three WebP kinds")
    func headers() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0x0F, 0xA0, 0, 0, 0x0B, 0xB8, 8, 2, 0, 0, 0]
        #expect(ImageSize.read(png, type: .png) == ImageSize(width: 4000, height: 3000))
        let gif: [UInt8] = Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00, 0, 0, 0]
        #expect(ImageSize.read(gif, type: .gif) == ImageSize(width: 320, height: 240))
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 1080 and width 1920.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + [UInt8](repeating: 0, count: 14)
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03]
        #expect(ImageSize.read(jpeg, type: .jpeg) == ImageSize(width: 1920, height: 1080))
        let riff = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8)
        let extended = riff + Array("VP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0] + [0x7F, 0x07, 0x00, 0x37, 0x04, 0x00]
        #expect(ImageSize.read(extended, type: .webp) == ImageSize(width: 1920, height: 1080))
        let lossy = riff + Array("VP8 ".utf8) + [0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A] + [0x80, 0x07, 0x38, 0x04]
        #expect(ImageSize.read(lossy, type: .webp) == ImageSize(width: 1920, height: 1080))
        let bits = (1920 - 1) | (1080 - 1) << 14
        let lossless = riff + Array("VP8L".utf8) + [0, 0, 0, 0, 0x2F] + [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF)]
        #expect(ImageSize.read(lossless, type: .webp) == ImageSize(width: 1920, height: 1080))
    }

    @Test("a truncated header or a type without pixels says nothing")
    func unknown() {
        #expect(ImageSize.read([0x89, 0x50, 0x4E, 0x47], type: .png) == nil)
        #expect(ImageSize.read([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], type: .jpeg) == nil)
        #expect(ImageSize.read(Array("%PDF-1.4".utf8), type: .pdf) == nil)
    }
}
