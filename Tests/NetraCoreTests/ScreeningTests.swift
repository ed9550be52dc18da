import Foundation
import Testing
@testable import NetraCore

@Suite("BKPSDM screens the posts of registered ASN accounts")
struct ScreeningTests {
    struct Labelled: Decodable {
        struct Label: Decodable {
            let partisan: Bool
            let election: String?
            let pair: Int?
            let signals: [String]
        }
        let id: String
        let label: Label
    }

    static func screener() throws -> Screener {
        Screener(region: try RegionElections.load(json: try FixtureFiles.data("screening/region-dev.json")))
    }

    @Test("on the development posts: precision ≥ 0.93, recall ≥ 0.90, contest and pair right on ≥ 90% of true flags, signal micro-F1 ≥ 0.80")
    func developmentPosts() throws {
        let screener = try Self.screener()
        var evaluation = ScreeningEvaluation()
        var signalTP = 0, signalFP = 0, signalFN = 0
        for line in try String(contentsOfFile: FixtureFiles.path("screening/posts-dev.jsonl"), encoding: .utf8).split(separator: "\n") {
            let post = try JSONDecoder().decode(ScreenedPost.self, from: Data(line.utf8))
            let want = try JSONDecoder().decode(Labelled.self, from: Data(line.utf8)).label
            let got = screener.screen(post)
            evaluation.add(result: got, partisan: want.partisan, election: want.election, pair: want.pair)
            let g = Set(got.signals), w = Set(want.signals)
            signalTP += g.intersection(w).count
            signalFP += g.subtracting(w).count
            signalFN += w.subtracting(g).count
            // Every span lies inside the text it points into.
            for span in got.spans {
                let text = span.in == "target" ? (post.target?.text ?? "") : (post.text ?? "")
                #expect(span.start >= 0 && span.start <= span.end && span.end <= text.unicodeScalars.count, "\(got.id) \(span)")
            }
            #expect(got.partisan == !got.signals.isEmpty)
        }
        let signalF1 = 2.0 * Double(signalTP) / Double(2 * signalTP + signalFP + signalFN)
        #expect(evaluation.precision >= 0.93, "precision \(evaluation.precision)")
        #expect(evaluation.recall >= 0.90, "recall \(evaluation.recall)")
        #expect(evaluation.pairAccuracy >= 0.90, "pair \(evaluation.pairCorrect)/\(evaluation.truePositives)")
        #expect(signalF1 >= 0.80, "signal F1 \(signalF1)")
    }

    @Test("each signal's bit is its place in declaration order, and the place gives the signal back")
    func signalPlaces() {
        for (place, signal) in ScreeningSignal.allCases.enumerated() {
            #expect(signal.index == place && ScreeningSignal(index: place) == signal && signal.bit == 1 << place)
        }
        #expect(ScreeningSignal.allCases.count <= 16)
    }

    @Test("a word read from the post in capitals finds the lower-case word, by one load or byte by byte alike")
    func loweringLookup() {
        var vocabulary = ScreeningVocabulary()
        let words = ["a", "ab", "coblos", "paslon02", "sehatiii", "tegasbersih", "bersinarsungaiharapan"]
        let ids = words.map { vocabulary.intern($0) }
        for (word, id) in zip(words, ids) {
            for written in [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] {
                // Alone, so short words are read byte by byte; then followed by more text, read in one load.
                for text in [written, written + " lagi ya kawan"] {
                    let bytes = Array(text.utf8)
                    let found = bytes.withUnsafeBufferPointer {
                        vocabulary.id(lowering: $0.baseAddress!, count: written.utf8.count, readable: $0.count)
                    }
                    #expect(found == id, "\(text)")
                }
            }
        }
        // Unknown words of each length kind: short, eight bytes, longer with a different middle or end.
        for unknown in ["Coblosx", "Paslon03", "BersinarSungbiHarapan", "bersinarsungaiharapax"] {
            let found = Array((unknown + " lagi").utf8).withUnsafeBufferPointer { vocabulary.id(lowering: $0.baseAddress!, count: unknown.utf8.count, readable: $0.count) }
            #expect(found == ScreeningVocabulary.unknown, "\(unknown)")
        }
    }

    @Test("a word in capitals is the token it is in lower case, whichever way it is read: plain, stretched, leetspeak, masked, spelled out, informal, before an emoji or a letter beyond ASCII")
    func capitalsReadAsLowerCase() throws {
        let screener = try Self.screener()
        var lower = ScreeningText(vocabulary: screener.lexicon.vocabulary, phraseLists: screener.lexicon.phraseLists)
        var other = lower
        for text in ["coblos nomor 2", "cobloosss bismillah", "c0bl0s n0m0r 1", "dukung p*slon", "s e h a t i", "yg penting sehati",
                     "bersinar☝️ ya", "kopi karé", "juara 1 kelas 2b"] {
            lower.load(text)
            for written in [text.uppercased(), text.prefix(1).uppercased() + text.dropFirst()] {
                other.load(written)
                let tokens = { (text: ScreeningText) in text.tokens.map { [Int($0.text), Int($0.raw), Int($0.squeezed), $0.start, $0.end] } }
                #expect(tokens(other) == tokens(lower), "\(written)")
                #expect(other.starts.map(\.lists) == lower.starts.map(\.lists), "\(written)")
            }
        }
    }

    @Test("hard negatives stay unflagged: neutral news, reminders, everyday numbers and gestures")
    func hardNegatives() throws {
        let screener = try Self.screener()
        for text in [
            "Selamat kepada ketiga paslon, semoga kampanye berjalan damai.",
            "ASN wajib netral!! jangan like postingan paslon",
            "Wisuda S2 akhirnya ✌️🎓 makasih ibu bapak",
            "Jangan golput ya kawan2! 27 November datang ke TPS.",
            "Pilih yang mana bund? Warna sage atau dusty pink",
            "Persiharapan menang 3-0 semalam, mantul bgt 🔥",
        ] {
            #expect(!screener.screen(ScreenedPost(id: "x", kind: "post", author: nil, text: text, target: nil)).partisan, "\(text)")
        }
    }

    @Test("leetspeak, spaced letters and a liked campaign post are recognized, with spans on the words")
    func disguisedSupport() throws {
        let screener = try Self.screener()
        let leet = screener.screen(ScreenedPost(id: "a", kind: "post", author: nil, text: "c0bl0s n0m0r 1 ya, B3RS1N4R ☝️", target: nil))
        #expect(leet.partisan && leet.pair == 1 && leet.signals.contains("ajakan_memilih"))
        let spaced = screener.screen(ScreenedPost(id: "b", kind: "post", author: nil, text: "pokoknya S E H A T I 👌", target: nil))
        #expect(spaced.partisan && spaced.election == "pilbup" && spaced.pair == 3)
        let like = screener.screen(ScreenedPost(id: "c", kind: "like", author: nil, text: "",
                                                target: .init(author: "@tegas.kalteng", text: "Tegas, Bersih, Merakyat! Tommy–Maria No. 2 ✌️")))
        #expect(like.partisan && like.election == "pilgub" && like.pair == 2 && like.signals.contains("like_konten_paslon"))
        #expect(like.spans.contains { $0.in == "target" })
    }

    @Test("masked and stretched letters are read as the word they hide, with offsets into the original text")
    func maskedAndStretched() throws {
        let screener = try Self.screener()
        var vocabulary = screener.lexicon.vocabulary
        let words = PhraseIndex([ScreeningText.Phrase(["paslon"], in: &vocabulary), ScreeningText.Phrase(["coblos"], in: &vocabulary)],
                                vocabulary: vocabulary, bit: 1)
        var text = ScreeningText(vocabulary: vocabulary)
        text.load("dukung p*slon nomor 1, cobloosss!")
        var found: [PhraseIndex.Match] = []
        words.forEachMatch(in: text) { found.append($0) }
        #expect(found.map(\.phrase) == [0, 1])
        #expect(found[0].span == (7, 13) && text.tokens[found[0].first].start == 7)
        let post = screener.screen(ScreenedPost(id: "m", kind: "post", author: nil, text: "cobloosss nomor 1 ya, Bang Madi ☝️", target: nil))
        #expect(post.partisan && post.election == "pilbup" && post.pair == 1 && post.signals.contains("ajakan_memilih"))
    }
}
