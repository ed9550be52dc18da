extension Int {
    /// Decimal digits left-padded with zeros, as identifiers and letter numbers are written.
    public func zeroPadded(_ width: Int) -> String {
        let text = String(self)
        return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
    }
}
