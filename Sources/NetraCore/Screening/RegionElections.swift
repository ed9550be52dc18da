import Foundation

/// The elections in force in a region with their pairs, in the form of `data/screening/region-*.json`.
public struct RegionElections: Sendable, Codable, Equatable {
    public struct Region: Sendable, Codable, Equatable {
        public let name: String
        public let province: String?
        public let code: String?

        public init(name: String, province: String?, code: String?) {
            self.name = name
            self.province = province
            self.code = code
        }
    }

    public struct Pair: Sendable, Codable, Equatable {
        public let number: Int
        public let candidate: String
        public let runningMate: String
        public let nicknames: [String]
        public let jargon: [String]
        public let parties: [String]
        public let hashtags: [String]
        public let taglines: [String]
        public let accounts: [String]
        public let symbols: [String]

        enum CodingKeys: String, CodingKey {
            case number, candidate, runningMate = "running_mate", nicknames, jargon, parties, hashtags, taglines, accounts, symbols
        }

        public init(number: Int, candidate: String, runningMate: String, nicknames: [String], jargon: [String], parties: [String],
                    hashtags: [String], taglines: [String], accounts: [String], symbols: [String]) {
            self.number = number
            self.candidate = candidate
            self.runningMate = runningMate
            self.nicknames = nicknames
            self.jargon = jargon
            self.parties = parties
            self.hashtags = hashtags
            self.taglines = taglines
            self.accounts = accounts
            self.symbols = symbols
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            number = try c.decode(Int.self, forKey: .number)
            candidate = try c.decode(String.self, forKey: .candidate)
            runningMate = try c.decodeIfPresent(String.self, forKey: .runningMate) ?? ""
            nicknames = try c.decodeIfPresent([String].self, forKey: .nicknames) ?? []
            jargon = try c.decodeIfPresent([String].self, forKey: .jargon) ?? []
            parties = try c.decodeIfPresent([String].self, forKey: .parties) ?? []
            hashtags = try c.decodeIfPresent([String].self, forKey: .hashtags) ?? []
            taglines = try c.decodeIfPresent([String].self, forKey: .taglines) ?? []
            accounts = try c.decodeIfPresent([String].self, forKey: .accounts) ?? []
            symbols = try c.decodeIfPresent([String].self, forKey: .symbols) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(candidate, forKey: .candidate)
            try c.encode(runningMate, forKey: .runningMate)
            try c.encode(nicknames, forKey: .nicknames)
            try c.encode(jargon, forKey: .jargon)
            try c.encode(parties, forKey: .parties)
            try c.encode(hashtags, forKey: .hashtags)
            try c.encode(taglines, forKey: .taglines)
            try c.encode(accounts, forKey: .accounts)
            try c.encode(symbols, forKey: .symbols)
        }
    }

    public struct Election: Sendable, Codable, Equatable {
        public let id: String
        public let office: String
        public let pairs: [Pair]

        public init(id: String, office: String, pairs: [Pair]) {
            self.id = id
            self.office = office
            self.pairs = pairs
        }
    }

    public let region: Region
    public let elections: [Election]

    public init(region: Region, elections: [Election]) {
        self.region = region
        self.elections = elections
    }

    public static func load(json data: Data) throws -> RegionElections {
        try JSONDecoder().decode(RegionElections.self, from: data)
    }
}
