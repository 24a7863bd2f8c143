import Foundation
import LinkedData
import Testing

@Suite("JSON reader")
struct JSONParserTests {
    @Test("numbers keep their literal form and members their order")
    func keepsWhatSignaturesNeed() throws {
        let value = try JSONParser.parse(#"{"z": 1.0, "a": 1e2, "m": [true, 1, -0.5]}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["z"]?.numberValue?.literal == "1.0")
        #expect(object["z"]?.numberValue?.isIntegerLiteral == false)
        #expect(object["a"]?.numberValue?.value == 100)
        #expect(object["m"] == [true, 1, -0.5])
        #expect(object["m"]?.arrayValue?.first?.boolValue == true)
        #expect(JSONWriter.string(value) == #"{"z":1.0,"a":1e2,"m":[true,1,-0.5]}"#)
    }

    @Test("escapes are decoded, including surrogate pairs")
    func escapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
    }

    @Test("object equality ignores member order, as JSON-LD's comparison does")
    func unorderedEquality() throws {
        #expect(try JSONParser.parse(#"{"a": 1, "b": [1, 2]}"#) == JSONParser.parse(#"{"b": [1, 2], "a": 1.0}"#))
        #expect(try JSONParser.parse(#"[1, 2]"#) != JSONParser.parse(#"[2, 1]"#))
    }

    @Test("errors name line and column", arguments: [
        ("", 1, 1), ("[1,\n 2,\n ]", 3, 2), ("{\"a\" 1}", 1, 6), ("\"abc", 1, 1), ("[1] x", 1, 5),
    ])
    func errorPositions(text: String, line: Int, column: Int) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }
}
