import Foundation
import LinkedData
import Testing

/// RFC 8785's own examples and number table.
@Suite("JCS (RFC 8785)")
struct JCSTests {
    @Test("the RFC 8785 §3.2.2 example canonicalizes to the published text")
    func rfcExample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try JCS.canonicalString(JSONParser.parse(input)) == expected)
    }

    @Test("members are sorted by UTF-16 code units (RFC 8785 §3.2.3)")
    func rfcSortingExample() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let canonical = try JCS.canonicalString(JSONParser.parse(input))
        let keys = try JSONParser.parse(canonical).objectValue!.keys
        #expect(keys == ["\r", "1", "\u{80}", "\u{f6}", "\u{20ac}", "\u{1F600}", "\u{fb33}"])
        #expect(canonical.hasPrefix(#"{"\r":"Carriage Return","1":"One","#))
    }

    @Test("numbers are written as ECMAScript writes them (RFC 8785 appendix B and 4,264 reference values)")
    func numberTable() throws {
        let lines = try TestResources.text("jcs/es6-numbers.txt").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count > 4000)
        var mismatches: [String] = []
        for line in lines {
            let parts = line.split(separator: " ")
            let bits = UInt64(parts[0], radix: 16)!
            let value = Double(bitPattern: bits)
            let text = try JCS.canonicalString(.number(JSONNumber(value)))
            if text != parts[1] { mismatches.append("\(parts[0]): expected \(parts[1]), got \(text)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("NaN and the infinities have no canonical form", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersAreRejected(value: Double) {
        #expect(throws: JCS.Error.self) { try JCS.canonicalize(["x": [.number(JSONNumber(value))]]) }
    }

    @Test("a number that overflows a double is rejected, naming where it is")
    func overflowingLiteral() throws {
        let value = try JSONParser.parse(#"{"a": [1, 1e400]}"#)
        #expect {
            try JCS.canonicalize(value)
        } throws: { error in
            (error as? JCS.Error)?.path == "$.a[1]"
        }
    }

    @Test("the W3C eddsa-jcs-2022 vector verifies")
    func jcsVectorVerifies() throws {
        #expect(try DataIntegrityVerifier.verify(TestResources.json("examples/di/eddsa-jcs-2022-signed.json")))
    }
}
