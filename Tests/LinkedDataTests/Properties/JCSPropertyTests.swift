import Foundation
import LinkedData
import PropertyBased
import Testing

@Suite("JCS properties")
struct JCSPropertyTests {
    @Test("parsing the canonical form gives back the same value")
    func roundTrip() async {
        await propertyCheck(count: 500, input: JSONGenerators.json) { value in
            let canonical = try JCS.canonicalize(value)
            #expect(try JSONParser.parse(canonical) == value)
        }
    }

    @Test("canonicalizing is idempotent: parse → canonicalize of canonical bytes returns the same bytes")
    func idempotent() async {
        await propertyCheck(count: 500, input: JSONGenerators.json) { value in
            let once = try JCS.canonicalize(value)
            let twice = try JCS.canonicalize(JSONParser.parse(once))
            #expect(once == twice)
        }
    }

    @Test("object members come out ordered by the UTF-16 code units of their keys, at every level")
    func keyOrder() async {
        func check(_ value: JSONValue) {
            switch value {
            case .object(let object):
                let keys = object.keys
                for (a, b) in zip(keys, keys.dropFirst()) {
                    #expect(a.utf16.lexicographicallyPrecedes(b.utf16), "\(a.debugDescription) before \(b.debugDescription)")
                }
                object.members.forEach { check($0.value) }
            case .array(let items): items.forEach(check)
            default: break
            }
        }
        await propertyCheck(count: 300, input: JSONGenerators.json) { value in
            check(try JSONParser.parse(JCS.canonicalize(value)))
        }
    }

    @Test("every finite double's canonical text reads back as the same double")
    func numbersRoundTrip() async {
        await propertyCheck(count: 2000, input: JSONGenerators.double) { double in
            let text = try JCS.canonicalString(.number(JSONNumber(double)))
            #expect(Double(text) == double, "\(double) written as \(text)")
        }
    }
}
