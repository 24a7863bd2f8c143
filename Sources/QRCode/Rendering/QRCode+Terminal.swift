extension QRCode {
    /// The symbol drawn with Unicode half blocks (▀ ▄ █ and space), two
    /// module rows per line of text, quiet zone included; lines end in "\n".
    ///
    /// - Parameters:
    ///   - inverted: false (the default) draws the dark modules with block
    ///     characters, for a terminal with a light background. True draws
    ///     the light modules and the quiet zone instead, which reads right on
    ///     the usual light-on-dark terminal.
    ///   - quietZone: modules of margin on each side, at least 0; scanners
    ///     want 4, the default.
    public func terminalString(inverted: Bool = false, quietZone: Int = QRCode.quietZone) -> String {
        precondition(quietZone >= 0, "quiet zone cannot be negative")
        let range = -quietZone..<(size + quietZone)
        func ink(_ x: Int, _ y: Int) -> Bool {
            range.contains(y) && isDark(x: x, y: y) != inverted
        }
        var text = ""
        for top in stride(from: range.lowerBound, to: range.upperBound, by: 2) {
            for x in range {
                switch (ink(x, top), ink(x, top + 1)) {
                case (true, true): text += "█"
                case (true, false): text += "▀"
                case (false, true): text += "▄"
                case (false, false): text += " "
                }
            }
            text += "\n"
        }
        return text
    }
}
