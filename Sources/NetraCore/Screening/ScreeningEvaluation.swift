/// Agreement of screening results with labelled posts: precision, recall and F1 of `partisan`, and
/// how often the contest and pair are right on the posts both call partisan.
public struct ScreeningEvaluation: Sendable, Codable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    public var pairCorrect = 0

    public init() {}

    public mutating func add(result: ScreeningResult, partisan: Bool, election: String?, pair: Int?) {
        switch (result.partisan, partisan) {
        case (true, true):
            truePositives += 1
            if result.election == election && result.pair == pair { pairCorrect += 1 }
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var pairAccuracy: Double { truePositives == 0 ? 0 : Double(pairCorrect) / Double(truePositives) }
}
