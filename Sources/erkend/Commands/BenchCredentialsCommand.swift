import ArgumentParser
import Crypto
import ErkendCore
import ErkendCredentials
import ErkendStore
import Foundation
import LinkedData

/// `erkend bench credentials`: credentials signed and verified per second on
/// one core, per format, next to swift-crypto's raw Ed25519 and P-256 signing
/// rate measured in the same run. The issue's target: VC-JWT and SD-JWT VC at
/// least half the raw rate of their algorithm.
struct BenchCredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Time credential signing and verification per format against raw signing.",
        discussion: "Build with `swift build -c release` first: debug builds are many times slower. Runs on one thread."
    )

    @Option(help: "Seconds to measure each figure.")
    var seconds = 2.0

    @Option(help: "Awards stored in one batch, each with a random status list entry, in a fresh database file (0 skips it).")
    var awards = 10_000

    func run() async throws {
        #if DEBUG
            print("warning: this is a debug build; use `swift build -c release` and .build/release/erkend for figures\n")
        #endif
        print(BenchMachineDescription.current())
        let sample = try BenchCredentialSample()
        let message = Data(repeating: 7, count: 64)
        let rawEd = measure { _ = try? sample.keys.ed25519.signature(for: message) }
        let rawP256 = measure { _ = try? sample.keys.p256.signature(for: message) }
        print(line("raw Ed25519 signature (64 bytes)", rawEd, nil))
        print(line("raw P-256 ECDSA signature (64 bytes)", rawP256, nil))

        let ldp = try sample.dataIntegrity(.eddsaRDFC2022)
        let jcs = try sample.dataIntegrity(.eddsaJCS2022)
        let jwtEd = try sample.vcJWT(es256: false)
        let jwtES = try sample.vcJWT(es256: true)
        let sdjwt = try sample.sdJWT()
        let now = Date()
        var results: [(String, Double, Double, Bool?)] = []
        results.append(("OB 3.0 + eddsa-rdfc-2022: sign", measure { _ = try? sample.dataIntegrity(.eddsaRDFC2022) }, rawEd, nil))
        results.append(("OB 3.0 + eddsa-rdfc-2022: verify", measure { _ = try? sample.verifier.verify(ldp, at: now) }, rawEd, nil))
        results.append(("OB 3.0 + eddsa-jcs-2022: sign", measure { _ = try? sample.dataIntegrity(.eddsaJCS2022) }, rawEd, nil))
        results.append(("OB 3.0 + eddsa-jcs-2022: verify", measure { _ = try? sample.verifier.verify(jcs, at: now) }, rawEd, nil))
        let edRate = measure { _ = try? sample.vcJWT(es256: false) }
        results.append(("VC-JWT EdDSA: sign", edRate, rawEd, edRate >= rawEd / 2))
        results.append(("VC-JWT EdDSA: verify", measure { _ = try? sample.verifier.verify(jwtEd, at: now) }, rawEd, nil))
        let esRate = measure { _ = try? sample.vcJWT(es256: true) }
        results.append(("VC-JWT ES256: sign", esRate, rawP256, esRate >= rawP256 / 2))
        results.append(("VC-JWT ES256: verify", measure { _ = try? sample.verifier.verify(jwtES, at: now) }, rawP256, nil))
        let sdRate = measure { _ = try? sample.sdJWT() }
        results.append(("SD-JWT VC ES256: sign", sdRate, rawP256, sdRate >= rawP256 / 2))
        results.append(("SD-JWT VC ES256: verify", measure { _ = try? sample.verifier.verify(sdjwt, at: now) }, rawP256, nil))
        // What the SD-JWT VC adds to an ES256 signature, piece by piece, to see where its time goes.
        let saltRate = measure { for _ in 0..<4 { _ = SDJWT.randomSalt() } }
        let holderRate = measure { _ = try? KeyEncoding.publicKey(jwk: sample.holderJWK) }
        let concealRate = measure { _ = sample.concealed() }
        let pieces = [("  in it: 4 salts", saltRate), ("  in it: reading the holder's JWK", holderRate),
                      ("  in it: 4 disclosures, digests", concealRate)]
        for (name, rate, raw, target) in results {
            print(line(name, rate, (raw, target)))
            if name == "SD-JWT VC ES256: sign" {
                for (piece, pieceRate) in pieces { print(line(piece, pieceRate, nil)) }
            }
        }
        let missed = results.filter { $0.3 == false }
        print(missed.isEmpty ? "\nall signing targets met (≥ half the raw signing rate)" : "\ntargets missed: \(missed.map(\.0).joined(separator: ", "))")
        if awards > 0 { try await batch() }
    }

    /// `awards` awards for one learner stored in one command and one transaction, with their status entries.
    private func batch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-awards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ErkendStore.open(path: folder.appendingPathComponent("bench.sqlite").path)
        let audit = AuditRecord(at: Date(), actor: .system, channel: .cli("bench"), action: AuditAction.learnerCreated)
        try await store.progression.learners.create(Learner(id: "bench-learner", name: "Bench"), audit: audit)
        let day = Day(Date())
        let batch = (0..<awards).map { index in
            Award(id: Award.ID(trusted: "bench-\(index)"), kind: .unitPassed, learner: "bench-learner",
                  certifies: ExactReference("U-\(index)", version: 1), issuedOn: day, source: "bench:\(index)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        try await store.awards.createAll(batch, audit: AuditRecord(at: Date(), actor: .system, channel: .cli("bench"), action: AuditAction.awardCreated,
                                                                   target: "bench-batch"))
        let elapsed = clock.now - started
        let (whole, attoseconds) = elapsed.components
        let seconds = Double(whole) + Double(attoseconds) / 1e18
        let lists = try await store.awards.statusLists()
        let entries = Set(try await store.awards.awards(learner: "bench-learner").compactMap(\.statusEntry)).count
        print(String(format: "\n%d awards stored with random status entries in one transaction: %.2f s (%.0f awards/s), %d distinct entries in list(s) %@",
                     awards, seconds, Double(awards) / seconds, entries, lists.map(String.init).joined(separator: ", ")))
    }

    /// Operations per second on this thread, over `seconds`.
    private func measure(_ body: () -> Void) -> Double {
        for _ in 0..<20 { body() }  // warm caches (contexts, allocations)
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var elapsed: Duration = .zero
        while elapsed < .milliseconds(Int(seconds * 1000)) {
            for _ in 0..<10 { body() }
            count += 10
            elapsed = clock.now - start
        }
        let (whole, attoseconds) = elapsed.components
        return Double(count) / (Double(whole) + Double(attoseconds) / 1e18)
    }

    private func line(_ name: String, _ rate: Double, _ against: (raw: Double, target: Bool?)?) -> String {
        var text = name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%10.0f /s", rate)
        if let against {
            text += String(format: "   %5.1f %% of raw", 100 * rate / against.raw)
            if let target = against.target { text += target ? "   target ≥ 50 %: met" : "   target ≥ 50 %: MISSED" }
        }
        return text
    }
}

/// One unit award and its learner, rendered in every format, for the benchmark.
struct BenchCredentialSample {
    let identity: IssuerIdentity
    let keys = IssuerKeys.generate()
    let loader: any DocumentLoader
    let verifier: CredentialVerifier
    let unit: LearningUnit
    let award: Award
    let learner = Learner(id: "L-1", name: "Sanne de Vries", studentNumber: "100001", dateOfBirth: "2006-04-12")
    let holder = P256.Signing.PrivateKey()
    /// The wallet's key as its proof JWT carries it: input to issuance, made once (exporting a P-256 point costs a field inversion).
    let holderJWK: JSONValue
    let credential: JSONValue

    init() throws {
        identity = try IssuerIdentity(publicURL: "https://erkend.example", name: "ROC Voorbeeld")
        holderJWK = KeyEncoding.jwk(.p256(id: "h", key: holder.publicKey))
        loader = try ErkendContext.loader(publicURL: identity.publicURL)
        verifier = CredentialVerifier(identity: identity, keys: keys, loader: loader)
        unit = LearningUnit(
            code: "U-1", status: .published, unitKind: .microcredential, title: LocalizedText(nl: "Programmeren", en: "Programming"),
            description: LocalizedText(nl: "Schrijft en test kleine programma's."), workload: Workload(ects: 3),
            level: QualificationLevel(eqf: 4, nlqf: 4), qualityAssurance: LocalizedText(nl: "Examencommissie"))
        award = Award(id: "AW-1", kind: .unitPassed, learner: "L-1", certifies: ExactReference(unit), issuedOn: "2025-11-29",
                      grade: "7.5", source: "result:R-1")
        credential = try OpenBadgeCredential.unit(award, unit: unit, holder: .did("did:example:holder"), identity: identity,
                                                  credentialID: "urn:uuid:2f3c3f0e-6a53-4c52-9b9a-6f0e0b1d0a01", issuedAt: Date(timeIntervalSince1970: 1_764_410_400))
    }

    func dataIntegrity(_ suite: DataIntegrity.Cryptosuite) throws -> String {
        JSONWriter.string(try DataIntegrity.sign(credential, suite: suite, key: keys.ed25519, verificationMethod: identity.verificationMethod(keys.ed25519ID),
                                                 created: Date(), loader: loader))
    }

    func vcJWT(es256: Bool) throws -> String {
        es256
            ? try VCJWT.sign(credential, key: .p256(keys.p256), keyID: identity.verificationMethod(keys.p256ID))
            : try VCJWT.sign(credential, key: .ed25519(keys.ed25519), keyID: identity.verificationMethod(keys.ed25519ID))
    }

    /// The selective-disclosure step alone, on claims like the learning credential's.
    func concealed() -> Int {
        let claims: JSONObject = ["iss": "https://erkend.example", "vct": "https://erkend.example/vct/learning-credential/v1",
                                  "name": .string(learner.name), "birthdate": "2006-04-12", "student_number": "100001", "result": ["grade": "7.5"]]
        return SDJWT.conceal(claims, disclosable: ["name", "birthdate", "student_number", "result"], salt: SDJWT.randomSalt).1.count
    }

    func sdJWT() throws -> String {
        try LearningCredential.issue(award, unit: unit, learner: learner, holderKey: holderJWK,
                                     identity: identity, keys: keys, issuedAt: Date(), status: nil)
    }
}
