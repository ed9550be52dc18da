import Vapor

extension Request {
    /// A whole-number query parameter within `range`, `fallback` when absent. Anything else — not a number, a
    /// fraction, a number outside the range, one too large for the machine — is a 400 naming the parameter, never a
    /// silently different page nor arithmetic that overflows further on.
    func wholeNumber(_ name: String, in range: ClosedRange<Int>, fallback: Int) throws -> Int {
        guard let text = query[String.self, at: name] else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw Abort(.badRequest, reason: "\(name) harus bilangan bulat \(range.lowerBound)–\(range.upperBound).")
        }
        return value
    }
}
