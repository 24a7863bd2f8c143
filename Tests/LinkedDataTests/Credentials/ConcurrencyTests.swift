import LinkedData
import Testing

@Suite("Concurrent use")
struct ConcurrencyTests {
    @Test("many tasks canonicalizing at once through the shared bundled loader agree with a lone run")
    func sharedLoaderUnderConcurrency() async throws {
        let paths = ["ob3/ob3-eddsa-rdfc-2022-testvector.signed.json", "ob3/validator-complete.signed.json", "clr2/clr2-eddsa-rdfc-2022-testvector.signed.json"]
        let documents = try paths.map { try TestResources.json("examples/" + $0) }
        let expected = try documents.map { try JSONLD.canonicalize($0).nquads }
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<24 {
                let index = round % documents.count
                let document = documents[index]
                group.addTask { (index, try JSONLD.canonicalize(document).nquads) }
            }
            for try await (index, nquads) in group {
                #expect(nquads == expected[index])
            }
        }
    }
}
