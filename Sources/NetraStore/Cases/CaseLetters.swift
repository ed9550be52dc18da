import FluentKit
import Foundation
import NetraCore

extension CaseStore {
    /// A letter as it is printed, with what its QR code opens.
    public struct PrintedLetter: Sendable {
        public let letter: OfficialLetter
        /// The verification code and hash; nil for a letter numbered before letters were composed whole.
        public let verificationCode: String?
        public let sha256: String?

        public init(letter: OfficialLetter, verificationCode: String?, sha256: String?) {
            self.letter = letter
            self.verificationCode = verificationCode
            self.sha256 = sha256
        }
    }

    /// The letter as issued: the composition kept when it was numbered. A letter numbered before Netra kept
    /// compositions is composed now from the case as it stands, and has no verification code.
    public static func printedLetter(_ letter: LetterModel, of model: CaseModel, on database: any Database) async throws -> PrintedLetter {
        if let content = letter.content {
            return PrintedLetter(letter: try JSONDecoder().decode(OfficialLetter.self, from: Data(content.utf8)),
                                 verificationCode: letter.verificationCode, sha256: letter.sha256)
        }
        var letterhead = try letter.issuedLetterhead()
        if letterhead == nil { letterhead = try await LetterheadStore.current(on: database) }
        guard let kind = LetterKind(rawValue: letter.kind), let nip = model.asnNIP, let issuedOn = LocalDate(iso8601: letter.issuedOn),
              let letterhead else { throw Problem.notFound }
        let earlier = try await letters(caseID: try model.requireID(), on: database).prefix { $0.id != letter.id }.compactMap(\.issued)
        do {
            let composed = try await compose(kind, number: letter.number, issuedOn: issuedOn, letterhead: letterhead, model: model, nip: nip,
                                             state: try state(of: model), earlier: Array(earlier), on: database)
            return PrintedLetter(letter: composed, verificationCode: nil, sha256: nil)
        } catch Problem.letterIncomplete {
            throw Problem.notFound
        }
    }

    /// What a letter's public verification page shows: nothing about the person it concerns.
    public struct VerifiedLetter: Sendable, Equatable {
        public let name: String
        public let number: String
        public let issuedOn: LocalDate
        public let issuer: String
        /// What the letter is about (its "hal", or a decree's "tentang"), which names nobody.
        public let about: String?
        public let sha256: String
        public let status: LetterVerification.Status
    }

    public static func verifiedLetter(code: String, on database: any Database) async throws -> VerifiedLetter? {
        guard let model = try await LetterModel.query(on: database).filter(\.$verificationCode == code).first(),
              let content = model.content, let sha256 = model.sha256, let issuedOn = LocalDate(iso8601: model.issuedOn) else { return nil }
        let letter = try JSONDecoder().decode(OfficialLetter.self, from: Data(content.utf8))
        var status = LetterVerification.Status.valid
        // A first summons is followed by the case's second one (issued later, possibly in the next year's register).
        if letter.kind == .summons, letter.name.hasSuffix(" I") {
            let summonses = try await LetterModel.query(on: database).filter(\.$caseID == model.caseID).filter(\.$kind == model.kind).count()
            if summonses > 1 { status = .superseded }
        }
        let about = letter.particulars.first { $0.label == "Hal" }?.value ?? letter.title.firstIndex(of: "TENTANG").map { letter.title[$0 + 1] }
        return VerifiedLetter(name: letter.name, number: model.number, issuedOn: issuedOn, issuer: letter.heading.lines.last ?? "", about: about,
                              sha256: sha256, status: status)
    }
}
