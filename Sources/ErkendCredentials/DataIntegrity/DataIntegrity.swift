public import Crypto
public import Foundation
public import LinkedData

/// Data Integrity proofs (W3C VC Data Integrity 1.0, vc-di-eddsa):
/// `eddsa-rdfc-2022` (Ed25519 over RDFC-1.0 canonical N-Quads) and
/// `eddsa-jcs-2022` (Ed25519 over JCS).
///
/// hashData = SHA-256(canonical proof configuration) ‖ SHA-256(canonical document),
/// where the proof configuration is the proof without `proofValue`, with the
/// document's `@context`.
public enum DataIntegrity {
    public enum Cryptosuite: String, Sendable, CaseIterable {
        case eddsaRDFC2022 = "eddsa-rdfc-2022"
        case eddsaJCS2022 = "eddsa-jcs-2022"
    }

    /// Adds a proof to `document` (kept as a one-element `proof` array, as OB 3.0 asks).
    ///
    /// - Parameters:
    ///   - loader: where `@context` URLs come from (offline); JSON-LD safe mode is on, so a
    ///     property no context defines is refused instead of being left unsigned.
    public static func sign(_ document: JSONValue, suite: Cryptosuite, key: Curve25519.Signing.PrivateKey,
                            verificationMethod: String, created: Date, loader: any DocumentLoader) throws(CredentialError) -> JSONValue {
        guard case .object(var object) = document else { throw .malformed("a credential must be a JSON object") }
        object["proof"] = nil
        var proof = JSONObject()
        proof["type"] = "DataIntegrityProof"
        proof["cryptosuite"] = .string(suite.rawValue)
        proof["created"] = .string(Timestamp.string(created))
        proof["verificationMethod"] = .string(verificationMethod)
        proof["proofPurpose"] = "assertionMethod"
        let data = try hashData(document: object, proof: proof, suite: suite, loader: loader)
        let signature: Data
        do { signature = try key.signature(for: data) } catch { throw CredentialError(.issuance, "Ed25519 signing failed: \(error)") }
        proof["proofValue"] = .string(Multibase.base58btc(signature))
        object["proof"] = [.object(proof)]
        return .object(object)
    }

    /// Verifies every proof of `document`; the key of each comes from `resolveKey(verificationMethod)`.
    /// Returns the verification methods that signed.
    @discardableResult
    public static func verify(_ document: JSONValue, loader: any DocumentLoader,
                              resolveKey: (String) -> IssuerKeys.PublicKey?) throws(CredentialError) -> [String] {
        guard case .object(let object) = document else { throw .malformed("a credential must be a JSON object") }
        let proofs: [JSONValue]
        switch object["proof"] {
        case .array(let array)?: proofs = array
        case .object?: proofs = [object["proof"]!]
        default: throw CredentialError(.badSignature, "the credential has no embedded proof")
        }
        guard !proofs.isEmpty else { throw CredentialError(.badSignature, "the credential has no embedded proof") }
        var unsecured = object
        unsecured["proof"] = nil
        var signers: [String] = []
        for proofValue in proofs {
            guard case .object(var proof) = proofValue else { throw .malformed("a proof must be a JSON object") }
            guard proof["type"]?.stringValue == "DataIntegrityProof" else {
                throw CredentialError(.unsupported, "proof type \(proof["type"]?.stringValue ?? "none") is not DataIntegrityProof")
            }
            guard let suiteName = proof["cryptosuite"]?.stringValue, let suite = Cryptosuite(rawValue: suiteName) else {
                throw CredentialError(.unsupported, "cryptosuite \(proof["cryptosuite"]?.stringValue ?? "none") is not supported; Erkend verifies eddsa-rdfc-2022 and eddsa-jcs-2022")
            }
            guard proof["proofPurpose"]?.stringValue == "assertionMethod" else {
                throw CredentialError(.badSignature, "the proof purpose must be assertionMethod")
            }
            guard proof["previousProof"] == nil else { throw CredentialError(.unsupported, "proof chains (previousProof) are not supported") }
            guard let method = proof["verificationMethod"]?.stringValue else { throw .malformed("the proof names no verificationMethod") }
            guard let value = proof.removeValue(forKey: "proofValue")?.stringValue, value.hasPrefix("z"),
                  let signature = Multibase.decode(value), signature.count == 64 else {
                throw .malformed("proofValue must be a base58btc (z…) Ed25519 signature")
            }
            if let context = proof["@context"], context != unsecured["@context"] {
                throw CredentialError(.badSignature, "the proof's @context differs from the credential's")
            }
            proof["@context"] = nil
            guard let key = resolveKey(method) else {
                throw CredentialError(.badSignature, "the key \(method) is not one of the issuer's published keys")
            }
            guard case .ed25519 = key else { throw CredentialError(.badSignature, "\(suite.rawValue) needs an Ed25519 key, \(method) is not one") }
            let data = try hashData(document: unsecured, proof: proof, suite: suite, loader: loader)
            guard key.isValidSignature(signature, for: data) else {
                throw CredentialError(.badSignature, "the \(suite.rawValue) signature does not verify: the credential or its proof was changed, or the key is wrong")
            }
            signers.append(method)
        }
        return signers
    }

    /// The 64 bytes that are signed.
    public static func hashData(document: JSONObject, proof: JSONObject, suite: Cryptosuite,
                                loader: any DocumentLoader) throws(CredentialError) -> Data {
        var configuration = proof
        configuration["proofValue"] = nil
        if let context = document["@context"] { configuration["@context"] = context }
        let proofBytes = try canonical(.object(configuration), suite: suite, loader: loader)
        let documentBytes = try canonical(.object(document), suite: suite, loader: loader)
        return Data(SHA256.hash(data: proofBytes)) + Data(SHA256.hash(data: documentBytes))
    }

    static func canonical(_ value: JSONValue, suite: Cryptosuite, loader: any DocumentLoader) throws(CredentialError) -> Data {
        switch suite {
        case .eddsaJCS2022:
            do { return try JCS.canonicalize(value) } catch { throw CredentialError(.issuance, "JCS: \(error)") }
        case .eddsaRDFC2022:
            guard value["@context"] != nil else { throw .malformed("RDFC cryptosuites need JSON-LD with an @context") }
            do {
                let dataset = try JSONLD.toRDF(value, options: JSONLD.Options(documentLoader: loader, safeMode: true))
                return Data(try RDFC10.canonicalize(dataset).nquads.utf8)
            } catch {
                throw CredentialError(.malformed, "JSON-LD canonicalization failed: \(error)")
            }
        }
    }
}

/// XML Schema dateTimes in UTC with a `Z`, seconds precision, as credentials write them.
///
/// The common form (`2025-11-29T10:00:00Z`) is written and read by hand with the C
/// library's `gmtime_r`/`timegm`: making an `ISO8601DateFormatter` costs more than
/// signing a JWT (it was most of the time of `erkend bench credentials` for VC-JWT).
/// Other forms (offsets, fractions of a second) still go through the formatter.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil, (1000...9999).contains(Int(parts.tm_year) + 1900) else { return formatted(date) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                bytes.append(UInt8(48 + value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); bytes.append(45)
        digits(parts.tm_mon + 1, 2); bytes.append(45)
        digits(parts.tm_mday, 2); bytes.append(84)
        digits(parts.tm_hour, 2); bytes.append(58)
        digits(parts.tm_min, 2); bytes.append(58)
        digits(parts.tm_sec, 2); bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58, bytes[19] == 90 else {
            return parsed(text)
        }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                guard (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int32(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        var seconds = timegm(&parts)
        // timegm rolls 31 April over into 1 May; such a day does not exist.
        var check = tm()
        guard gmtime_r(&seconds, &check) != nil, check.tm_mday == day, check.tm_mon == month - 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func formatted(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private static func parsed(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
