/// ECMAScript's `Number.prototype.toString()` for doubles (ECMA-262
/// Number::toString), the number form RFC 8785 (JCS) requires.
enum ECMAScriptNumber {
    /// The ECMAScript rendering, or `nil` for NaN and the infinities (which
    /// JSON cannot express).
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }  // both +0 and -0
        if value < 0 { return "-" + format(-value)! }
        let (digits, n) = shortestDigits(value)
        let k = digits.count
        var out = ""
        if k <= n && n <= 21 {
            out.append(String(decoding: digits, as: UTF8.self))
            out.append(String(repeating: "0", count: n - k))
        } else if 0 < n && n <= 21 {
            out.append(String(decoding: digits[0..<n], as: UTF8.self))
            out.append(".")
            out.append(String(decoding: digits[n...], as: UTF8.self))
        } else if -6 < n && n <= 0 {
            out.append("0.")
            out.append(String(repeating: "0", count: -n))
            out.append(String(decoding: digits, as: UTF8.self))
        } else {
            out.append(Character(Unicode.Scalar(digits[0])))
            if k > 1 {
                out.append(".")
                out.append(String(decoding: digits[1...], as: UTF8.self))
            }
            let e = n - 1
            out.append(e < 0 ? "e-" : "e+")
            out.append(String(abs(e)))
        }
        return out
    }

    /// The shortest digit string `s` (no leading or trailing zeros) and the
    /// decimal point position `n` such that `value == 0.s × 10^n` round-trips.
    ///
    /// Swift's own `description` already produces the shortest round-tripping
    /// digits (choosing the closest when several qualify), which is exactly what
    /// ECMA-262 asks for; only its layout differs, so it is re-read here.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = Array(value.description.utf8)
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = text[..<e]
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self))!
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        for b in mantissa {
            if b == UInt8(ascii: ".") {
                seenPoint = true
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits.append(b)
                if !seenPoint { integerDigits += 1 }
            }
        }
        var point = integerDigits + exponent
        var leading = 0
        while leading < digits.count - 1 && digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        point -= leading
        while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, point)
    }
}
