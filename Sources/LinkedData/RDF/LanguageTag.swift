/// Language tag syntax (BCP 47 well-formedness, simplified to its shape).
enum LanguageTag {
    /// `xx`, `xx-YY`, `zh-Hant-TW`: subtags of 1–8 letters or digits, the first letters only.
    static func isWellFormed(_ tag: String) -> Bool {
        var subtagLength = 0
        var isFirst = true
        for b in tag.utf8 {
            if b == UInt8(ascii: "-") {
                guard subtagLength > 0 else { return false }
                subtagLength = 0
                isFirst = false
                continue
            }
            let isLetter = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
            guard isLetter || (isDigit && !isFirst) else { return false }
            subtagLength += 1
            guard subtagLength <= 8 else { return false }
        }
        return subtagLength > 0
    }

    /// The N-Quads `LANGTAG` production: letters, then `-`-separated alphanumerics.
    static func isWellFormedNQuadsTag(_ tag: String) -> Bool {
        var subtagLength = 0
        var isFirst = true
        for b in tag.utf8 {
            if b == UInt8(ascii: "-") {
                guard subtagLength > 0 else { return false }
                subtagLength = 0
                isFirst = false
                continue
            }
            let isLetter = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
            guard isLetter || (isDigit && !isFirst) else { return false }
            subtagLength += 1
        }
        return subtagLength > 0
    }
}
