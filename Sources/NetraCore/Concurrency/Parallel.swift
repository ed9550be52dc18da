import Foundation

/// Work split into parts that run on every core (Dispatch's concurrentPerform), each part's result kept
/// in its place.
enum Parallel {
    /// `body(part)` for every part in 0..<parts, in part order.
    static func map<Value: Sendable>(parts: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        let results = Results<Value>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in results.set(part, body(part)) }
        return results.all
    }

    /// Each slot is written once, by its own part; the lock orders those writes before the final read.
    private final class Results<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Value?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

        var all: [Value] { lock.withLock { values.map { $0! } } }
    }
}
