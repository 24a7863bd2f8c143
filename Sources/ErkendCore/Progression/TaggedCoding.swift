/// The JSON shape of Erkend's enums with values: one object whose `kind`
/// names the case, beside the case's fields — `{"kind": "recognised",
/// "recognitionCase": "RC-1"}` — so an OpenAPI document can describe it as a
/// `oneOf` with a discriminator, and SQL can store the kind in a column.
enum TaggedCoding {
    static func unknownKind<Key: CodingKey>(_ kind: String, key: Key, in container: KeyedDecodingContainer<Key>, expected: [String]) -> DecodingError {
        .dataCorruptedError(forKey: key, in: container,
                            debugDescription: "unknown kind '\(kind.prefix(40))'; expected \(expected.joined(separator: ", "))")
    }
}
