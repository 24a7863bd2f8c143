import LinkedData
import PropertyBased
import Testing

/// Random documents built from JSON-LD's own vocabulary: keywords, container
/// kinds, compact IRIs, nested contexts. Processing must end in a dataset or
/// a `JSONLDError`, never in a crash or a hang.
enum JSONLDFuzz {
    static let keys = [
        "@id", "@type", "@value", "@language", "@direction", "@list", "@set", "@graph", "@reverse", "@index", "@included",
        "@nest", "@json", "@none", "@vocab", "@base", "@context", "@protected", "@container", "@prefix", "@propagate",
        "@version", "@import", "ex:p", "ex", "term", "http://ex.org/q", "_:b", "name", "type", "id", "en", "@foo",
    ]
    static let strings = [
        "ex:thing", "http://ex.org/", "term", "@id", "@vocab", "@json", "@none", "@list", "@set", "@index", "@language", "@type",
        "@graph", "en", "ltr", "rtl", "_:b0", "relative", "../up", "#frag", "https://www.w3.org/ns/credentials/v2", "",
    ]

    static func value(_ rng: inout any SeededRandomNumberGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 4 ? 5 : 8), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(JSONNumber([1.1, 1, 0, -5, 1e21, 2.5e-7].randomElement(using: &rng)!))
        case 3, 4: return .string(strings.randomElement(using: &rng)!)
        case 5: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &rng) { object[keys.randomElement(using: &rng)!] = value(&rng, depth: depth + 1) }
            return .object(object)
        }
    }

    static let document = Generator<JSONValue, Shrink.None<JSONValue>>(run: { rng in
        var object = JSONObject()
        if Bool.random(using: &rng) {
            var context = JSONObject()
            context["ex"] = "http://ex.org/"
            for _ in 0..<Int.random(in: 0...4, using: &rng) { context[keys.randomElement(using: &rng)!] = value(&rng, depth: 2) }
            object["@context"] = .object(context)
        }
        for _ in 0..<Int.random(in: 1...5, using: &rng) { object[keys.randomElement(using: &rng)!] = value(&rng, depth: 1) }
        return .object(object)
    })
}

@Suite("JSON-LD robustness")
struct JSONLDRobustnessTests {
    @Test("random keyword soup ends in a dataset or a JSON-LD error, and the dataset canonicalizes")
    func neverCrashes() async {
        let tally = Tally()
        await propertyCheck(count: 3000, input: JSONLDFuzz.document) { document in
            do {
                let dataset = try JSONLD.toRDF(document, options: JSONLD.Options(base: "http://base.example/doc"))
                _ = try RDFC10.canonicalize(dataset)
                tally.add(succeeded: true)
            } catch is JSONLDError {
                // An error with a code is the expected outcome for many of these.
                tally.add(succeeded: false)
            }
        }
        let (succeeded, failed) = tally.counts
        #expect(succeeded + failed == 3000)
        #expect(succeeded > 100 && failed > 100, "succeeded \(succeeded), failed \(failed)")
    }

    final class Tally: @unchecked Sendable {
        private var succeeded = 0
        private var failed = 0
        func add(succeeded ok: Bool) { if ok { succeeded += 1 } else { failed += 1 } }
        var counts: (Int, Int) { (succeeded, failed) }
    }
}
