internal import Foundation

/// Canonical lexical forms of numbers in RDF, as JSON-LD prescribes.
enum RDFNumber {
    /// `xsd:double`: one digit before the point, at most 15 after, trailing
    /// zeros removed but one kept, and a plain exponent (`1.1E0`, `5.0E-7`).
    static func canonicalDouble(_ value: Double) -> String {
        let text = String(format: "%.15E", value)
        guard let e = text.firstIndex(of: "E") else { return text }
        var mantissa = String(text[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa += "0" }
        }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return mantissa + "E" + String(exponent)
    }

    /// `xsd:integer`: the digits of an integral number below 10^21.
    static func canonicalInteger(_ number: JSONNumber) -> String {
        if number.value == 0 { return "0" }
        if number.isIntegerLiteral {
            // The literal keeps every digit, also beyond a double's 53 bits.
            return number.literal
        }
        return String(format: "%.0f", number.value)
    }
}
