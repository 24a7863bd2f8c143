import ErkendCredentials
import Foundation
import LinkedData
import Testing

@Suite("Status lists")
struct StatusListTests {
    @Test("1EdTech's signed test list decodes (GZIP from another implementation) with bit 23 set and its neighbours clear")
    func externalList() throws {
        let list = try CredentialFixtures.json("validator-bitstring-testlist.json")
        let bits = try BitstringStatusList.decode(try #require(list["credentialSubject"]?["encodedList"]?.stringValue))
        #expect(bits.count >= StatusBits.minimumEntries)
        #expect(bits[bitstring: 23])
        #expect(!bits[bitstring: 22] && !bits[bitstring: 24])
        let entry = try #require(CredentialFixtures.json("validator-bitstring-status-revoked.json")["credentialStatus"])
        if entry["statusListIndex"]?.stringValue != nil {
            #expect(try BitstringStatusList.isSet(entry: entry, listCredential: list))
        }
    }

    @Test("a list Erkend encodes decodes to the same bits, left-most bit first, and stays small when empty")
    func roundTrip() throws {
        var bits = StatusBits()
        for index in [0, 7, 8, 94_567, StatusBits.minimumEntries - 1] { bits[bitstring: index] = true }
        let encoded = BitstringStatusList.encode(bits)
        #expect(encoded.hasPrefix("uH4sI"))
        #expect(try BitstringStatusList.decode(encoded) == bits)
        #expect(bits.bytes[0] == 0x81)
        #expect(BitstringStatusList.encode(StatusBits()).count < 300)
    }

    @Test("deflate round-trips arbitrary bytes", arguments: [0, 1, 3, 258, 259, 1000, 70_000])
    func deflateRoundTrip(count: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { index in index % 5 == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8(index % 3) }
        #expect(try Deflate.gunzip(Deflate.gzip(bytes)) == bytes)
        #expect(try Deflate.unzlib(Deflate.zlib(bytes)) == bytes)
    }

    @Test("a revoked index shows in the signed Bitstring list and in the Token Status List, and the others do not")
    func revocation() throws {
        let keys = CredentialFixtures.keys
        var bits = StatusBits()
        bits[bitstring: 94_567] = true
        let url = CredentialFixtures.identity.statusListURL("1")
        let list = try CredentialFixtures.sign(BitstringStatusList.credential(listURL: url, bits: bits, identity: CredentialFixtures.identity,
                                                                              validFrom: CredentialFixtures.issuedAt))
        let revoked = StatusListEntry(listURL: url, index: 94_567)
        let verifier = CredentialVerifier(identity: CredentialFixtures.identity, keys: keys, loader: CredentialFixtures.loader, bitstringLists: [url: list])
        let credential = try CredentialFixtures.sign(try CredentialFixtures.unitCredential(status: revoked))
        let error = #expect(throws: CredentialError.self) { try verifier.verify(JSONWriter.string(credential), at: CredentialFixtures.issuedAt) }
        #expect(error?.kind == .revoked)
        let valid = try CredentialFixtures.sign(try CredentialFixtures.unitCredential(status: StatusListEntry(listURL: url, index: 94_566)))
        #expect(try verifier.verify(JSONWriter.string(valid), at: CredentialFixtures.issuedAt).format == .dataIntegrity)

        var tokenBits = StatusBits()
        tokenBits[token: 12] = true
        let token = try TokenStatusList.token(uri: url + "/token", bits: tokenBits, issuedAt: CredentialFixtures.issuedAt,
                                              key: .p256(keys.p256), keyID: CredentialFixtures.identity.verificationMethod(keys.p256ID))
        #expect(try TokenStatusList.isSet(index: 12, uri: url + "/token", token: token, key: keys.published[1]))
        #expect(try !TokenStatusList.isSet(index: 13, uri: url + "/token", token: token, key: keys.published[1]))
    }

    @Test("indexes are allocated at random, never twice, and a full list is refused")
    func allocation() throws {
        var generator = SystemRandomNumberGenerator()
        var taken = Set<Int>()
        for _ in 0..<64 { taken.insert(try StatusIndexAllocator.allocate(size: 64, taken: taken, using: &generator)) }
        #expect(taken.count == 64)
        #expect(throws: CredentialError.self) { try StatusIndexAllocator.allocate(size: 64, taken: taken, using: &generator) }
        let first = try (0..<8).map { _ in try StatusIndexAllocator.allocate(size: StatusBits.minimumEntries, taken: [], using: &generator) }
        #expect(first != first.sorted() || Set(first).count > 1)
    }
}
