@testable import ErkendServer
import Testing

@Suite("Secrets")
struct SecretsTests {
    @Test("A secret's hash is SHA-256 in lower-case hex, as stored hashes of tokens, sessions and links expect")
    func hashIsSHA256Hex() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
