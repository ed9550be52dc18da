/// One behaviour found in a description, with the words that gave it away.
public struct DetectedBehaviour: Sendable, Codable, Equatable {
    public let behaviour: Behaviour
    public let phrases: [String]
}

/// Why a description that mentions election matters is nonetheless allowed.
public enum Exoneration: String, Sendable, Codable {
    /// The person reports a violation to an oversight body.
    case reportsViolation = "melaporkan_pelanggaran"
    /// The person refuses a request that would have been a violation.
    case refusal = "menolak"
    /// The question is about the election of a kepala desa, which the election laws Netra applies do not govern.
    case villageElection = "pemilihan_kepala_desa"
}

/// Reads an Indonesian description of what a civil servant did and names the behaviours in it.
/// Rules of thumb are written for the general case (negation, neutral material, duty, refusal),
/// not for particular sentences.
struct ActivityDetector {
    typealias Lex = GuideLexicon

    struct Result {
        var behaviours: [DetectedBehaviour] = []
        var exoneration: Exoneration?
    }

    func detect(_ text: TokenizedText, phase: ElectionPhase) -> Result {
        var result = Result()
        if let reason = exoneration(text) {
            result.exoneration = reason
            return result
        }
        var found: [Behaviour: [TokenizedText.Match]] = [:]
        func add(_ behaviour: Behaviour, _ matches: [TokenizedText.Match]) {
            found[behaviour, default: []].append(contentsOf: matches)
        }

        let candidates = text.affirmed(Lex.candidate, negators: Lex.negators, window: 2)
        let neutral = text.contains(any: Lex.neutral)
        let partisan = !candidates.isEmpty && !neutral

        // Party membership and party platforms.
        let roles = text.affirmed(Lex.partyRole, negators: Lex.negators)
        if !text.contains(any: Lex.notAMember), let (role, party) = text.near(roles, text.matches(any: Lex.party), within: 6) {
            add(.anggotaParpol, [role, party])
        }
        if let (speaker, event) = text.near(text.affirmed(Lex.speaker, negators: Lex.negators), text.matches(any: Lex.partyEvent), within: 14) {
            add(.narasumberParpol, [speaker, event])
        }

        // Support letters with a KTP copy.
        let identityForSupport = text.near(text.matches(any: Lex.identityCard), text.matches(any: ["dukungan*", "pendukung", "perseorangan", "calon", "relawan"]), within: 10)
            .map { [$0.0] } ?? []
        let documents = text.matches(any: Lex.supportDocument) + identityForSupport
        if !text.contains(any: Lex.misusedIdentity), let (give, document) = text.near(text.affirmed(Lex.gives, negators: Lex.negators), documents, within: 8) {
            add(.dukunganKTP, [give, document])
        }

        // Partisan activity aimed at colleagues, family or the public.
        let collects = text.matches(any: Lex.collectsIdentity)
        if !collects.isEmpty { add(.kegiatanKeberpihakan, collects) }
        let celebrations = text.matches(any: Lex.celebration)
        if !celebrations.isEmpty { add(.kegiatanKeberpihakan, celebrations) }
        let joins = text.affirmed(Lex.joinsTeam, negators: Lex.negators)
        if !joins.isEmpty { add(.kegiatanKeberpihakan, joins) }
        // Cheering at a declaration is the declaration's active support, not a separate appeal.
        let declarations = text.matches(any: Lex.declaration)
        let appeals = text.affirmed(Lex.appeals, negators: Lex.negators, window: 2).filter { appeal in
            !declarations.contains { abs($0.first - appeal.first) <= 10 }
        }
        if partisan, let (appeal, vote) = text.near(appeals, text.affirmed(Lex.voteFor, negators: Lex.negators, window: 2), within: 10) {
            add(.kegiatanKeberpihakan, [appeal, vote])
        }
        if partisan, let (give, gift) = text.near(text.affirmed(Lex.distributes, negators: Lex.negators), text.matches(any: Lex.gifts), within: 6) {
            add(.kegiatanKeberpihakan, [give, gift])
        }

        // Decisions that favour or harm a pair: an official's decision with a sign of favour, or one over
        // public resources made for a candidate's side.
        if partisan {
            let decisions = text.affirmed(Lex.decides, negators: Lex.negators)
            if let decision = decisions.first, let marker = text.matches(any: Lex.favourMarkers).first {
                add(.keputusanMenguntungkan, [decision, marker])
            } else if let (decision, resource) = text.near(decisions, text.matches(any: Lex.publicResource), within: 6),
                      text.near([decision], candidates, within: 14) != nil {
                add(.keputusanMenguntungkan, [decision, resource])
            }
        }

        // Campaign events, during the campaign period only.
        let events = text.matches(any: Lex.campaignEvent)
        let attends = text.affirmed(Lex.attends, negators: Lex.negators + Lex.requestedOf)
        let onLeave = !text.affirmed(Lex.unpaidLeave, negators: Lex.negators).isEmpty
        if phase == .kampanye, !onLeave, !text.contains(any: Lex.bystander), let (attend, event) = text.near(attends, events, within: 10) {
            var specific = false
            let facility = text.matches(any: Lex.stateFacility).filter { match in
                text.tokens[max(0, match.first - 3)..<match.first].contains { token in Lex.facilityUse.contains { TokenizedText.tokenMatches(token.text, $0) } }
            }
            if !facility.isEmpty {
                add(.kampanyeFasilitasNegara, [event] + facility)
                specific = true
            }
            if let (mobilize, people) = text.near(text.affirmed(Lex.mobilizes, negators: Lex.negators), text.matches(any: Lex.colleagues), within: 6) {
                add(.kampanyeMengerahkan, [mobilize, people, event])
                specific = true
            }
            let attribute = text.affirmed(Lex.partyOrServiceAttribute, negators: Lex.negators)
            if !attribute.isEmpty {
                add(.kampanyeAtribut, [event] + attribute)
                specific = true
            }
            if !specific { add(.kampanyeIkut, [attend, event]) }
        } else if partisan {
            // Outside a campaign attendance: public resources put to a candidate's use.
            let resources = text.matches(any: Lex.stateFacility).filter { match in
                text.tokens[max(0, match.first - 3)..<match.first].contains { token in Lex.facilityUse.contains { TokenizedText.tokenMatches(token.text, $0) } }
            }
            if let resource = resources.first, text.near([resource], candidates, within: 14) != nil {
                add(.keputusanMenguntungkan, [resource])
            }
        }

        // Gathering colleagues or the public for a candidate's event outside the campaign.
        if phase != .kampanye, partisan,
           let (mobilize, people) = text.near(text.affirmed(Lex.mobilizes, negators: Lex.negators),
                                              text.matches(any: Lex.colleagues + Lex.publicGroups), within: 6),
           text.near([mobilize], text.matches(any: Lex.candidateGathering), within: 10) != nil {
            add(.kegiatanKeberpihakan, [mobilize, people])
        }

        // Declarations with active support.
        if !text.contains(any: Lex.declarationOfficial),
           let (attend, declaration) = text.near(attends, declarations, within: 10) {
            add(.deklarasi, [attend, declaration])
        }

        // Photos with a partisan gesture, and what is uploaded.
        if partisan, let (photo, symbol) = text.near(text.affirmed(Lex.photo, negators: Lex.negators, window: 2),
                                                     text.matches(any: Lex.handSymbol), within: 20) {
            add(.fotoSimbol, [photo, symbol])
        }

        // Campaign props put up, or allowed to be put up, by the person.
        if partisan, let (install, prop) = text.near(text.affirmed(Lex.installs, negators: Lex.negators, window: 3),
                                                     text.matches(any: Lex.campaignProps), within: 12) {
            add(.alatPeraga, [install, prop])
        }

        // Social media: an act that publishes, on a platform (uploading needs none named), for a candidate.
        if partisan {
            let acts = text.affirmed(Lex.socialAct, negators: Lex.negators, window: 2)
            let publishing = acts.filter { act in Lex.publishes.contains { TokenizedText.tokenMatches(text.tokens[act.first].text, $0) } }
            if let act = publishing.first {
                add(.medsosDukungan, [act])
            } else if let (act, place) = text.near(acts, text.matches(any: Lex.socialPlace), within: 12) {
                add(.medsosDukungan, [act, place])
            }
        }

        // Promoting a bakal calon before the pairs are fixed, and promoting oneself.
        let promotion = text.affirmed(Lex.promotion, negators: Lex.negators)
        if phase == .sebelumPenetapan, partisan, !promotion.isEmpty {
            add(.sosialisasiBakalCalon, promotion)
        }
        if !text.contains(any: Lex.resigned) {
            let registers = text.affirmed(Lex.registersAsCandidate, negators: Lex.negators)
            let selfPromotion = text.matches(any: ["bergambar dirinya", "gambar dirinya"])
            if !registers.isEmpty || (!selfPromotion.isEmpty && !text.matches(any: ["bakal calon"]).isEmpty) {
                add(.mencalonkanDiri, registers + selfPromotion)
            }
        }

        result.behaviours = found.keys.sorted().map { behaviour in
            var seen = Set<String>()
            let phrases = found[behaviour]!.map(text.phrase).filter { seen.insert($0.lowercased()).inserted }
            return DetectedBehaviour(behaviour: behaviour, phrases: phrases)
        }
        return result
    }

    private func exoneration(_ text: TokenizedText) -> Exoneration? {
        if text.near(text.affirmed(Lex.reportsViolation, negators: Lex.negators), text.matches(any: Lex.oversightBody), within: 12) != nil {
            return .reportsViolation
        }
        if text.near(text.matches(any: ["menolak"]), text.matches(any: ["permintaan", "permohonan", "tawaran", "ajakan", "undangan", "meminta", "diminta", "diajak", "mengajak"]), within: 4) != nil {
            return .refusal
        }
        return nil
    }
}
