import LinkedData
import PropertyBased

/// Random JSON values for property tests: every kind of value, strings with
/// control characters, quotes, astral and non-ASCII characters, doubles from
/// random bit patterns.
enum JSONGenerators {
    static func scalar(_ rng: inout any SeededRandomNumberGenerator) -> Unicode.Scalar {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return Unicode.Scalar(UInt8.random(in: 0...0x1F, using: &rng))
        case 1: return ["\"", "\\", "/", "\u{7F}", "\u{2028}"].randomElement(using: &rng)!
        case 2: return Unicode.Scalar(UInt32.random(in: 0x10000...0x10FFFF, using: &rng))!
        case 3: return Unicode.Scalar(UInt32.random(in: 0x80...0xD7FF, using: &rng))!
        default: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))
        }
    }

    static func string(_ rng: inout any SeededRandomNumberGenerator) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...8, using: &rng) { s.append(scalar(&rng)) }
        return String(s)
    }

    static func double(_ rng: inout any SeededRandomNumberGenerator) -> Double {
        while true {
            let d = Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))
            if d.isFinite { return d }
        }
    }

    static func value(_ rng: inout any SeededRandomNumberGenerator, depth: Int) -> JSONValue {
        let kinds = depth > 3 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(JSONNumber(Int.random(in: -1_000_000...1_000_000, using: &rng)))
        case 3: return .number(JSONNumber(double(&rng)))
        case 4: return .string(string(&rng))
        case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &rng) { object[string(&rng)] = value(&rng, depth: depth + 1) }
            return .object(object)
        }
    }

    static let json = Generator<JSONValue, Shrink.None<JSONValue>>(run: { rng in value(&rng, depth: 0) })
    static let double = Generator<Double, Shrink.None<Double>>(run: { rng in double(&rng) })
}
