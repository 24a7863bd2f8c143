import Crypto
public import ErkendCore
public import Foundation
public import LinkedData

/// The EU Digital Identity Wallet's learning credential as SD-JWT VC
/// (`typ: dc+sd-jwt`, ES256 on P-256): the achievement in plain claims, the
/// learner's personal data (name, birth date, student number) and the result
/// selectively disclosable, the holder's key in `cnf`, the status in an IETF
/// Token Status List.
public enum LearningCredential {
    public static let type = "dc+sd-jwt"

    public static func vct(identity: IssuerIdentity) -> String { identity.publicURL + "/vct/learning-credential/v1" }

    /// Claims that are never selectively disclosable (SD-JWT VC §3.2.2).
    static let alwaysPlain: Set<String> = ["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "iat"]
    static let personal: Set<String> = ["name", "birthdate", "student_number", "result"]

    /// Issues the SD-JWT VC for a unit award (issuance form, ending in `~`).
    public static func issue(_ award: Award, unit: LearningUnit, outcomes: [LearningOutcome] = [], learner: Learner,
                             holderKey: JSONValue, identity: IssuerIdentity, keys: IssuerKeys, issuedAt: Date,
                             status: (index: Int, uri: String)?, salt: () -> String = SDJWT.randomSalt) throws(CredentialError) -> String {
        guard award.certifies.identifies(unit), award.learner == learner.id else {
            throw CredentialError(.issuance, "award \(award.id) is not about unit \(unit.code)@\(unit.version) and learner \(learner.id)")
        }
        guard case .object(var holder) = holderKey, holder["d"] == nil else { throw CredentialError(.issuance, "the holder key must be a public JWK") }
        _ = try KeyEncoding.publicKey(jwk: holderKey)
        holder["kid"] = nil

        var achievement = JSONObject()
        achievement["id"] = .string(identity.achievementURL(kind: "units", code: unit.code, version: unit.version))
        achievement["name"] = .string(unit.displayTitle)
        if let description = unit.description.best() { achievement["description"] = .string(description) }
        achievement["awarding_body"] = .string(identity.name)
        achievement["country"] = .string(identity.country)
        if let eqf = unit.level.eqf { achievement["eqf_level"] = .number(JSONNumber(eqf)) }
        if let nlqf = unit.level.nlqf { achievement["nlqf_level"] = .number(JSONNumber(nlqf)) }
        if let ects = unit.workload.ects {
            achievement["credit_points"] = ["system": "ECTS", "value": .number(JSONNumber(ects))]
        } else if let sbu = unit.workload.sbu {
            achievement["credit_points"] = ["system": "SBU", "value": .number(JSONNumber(sbu))]
        }
        let skills = Array(Set(outcomes.flatMap { $0.alignments.map(\.skill.rawValue) })).sorted()
        if !skills.isEmpty { achievement["learning_outcomes"] = .array(skills.map { .string($0) }) }
        achievement["assessment_type"] = .string(unit.assessment.method.rawValue)
        achievement["participation_type"] = .string(unit.participation.rawValue)
        if let qa = unit.qualityAssurance.best() { achievement["quality_assurance"] = .string(qa) }
        if award.kind == .recognitionGranted { achievement["recognition_of_prior_learning"] = true }

        var claims = JSONObject()
        claims["iss"] = .string(identity.publicURL)
        claims["iat"] = .number(JSONNumber(Int(issuedAt.timeIntervalSince1970)))
        if let validUntil = award.validUntil {
            claims["exp"] = .number(JSONNumber(Int(validUntil.start(in: Day.netherlands).timeIntervalSince1970)))
        }
        claims["vct"] = .string(vct(identity: identity))
        claims["cnf"] = ["jwk": .object(holder)]
        if let status { claims["status"] = ["status_list": ["idx": .number(JSONNumber(status.index)), "uri": .string(status.uri)]] }
        claims["awarded_on"] = .string(award.issuedOn.description)
        claims["achievement"] = .object(achievement)
        claims["name"] = .string(learner.name)
        if let birthdate = learner.dateOfBirth { claims["birthdate"] = .string(birthdate.description) }
        if let number = learner.studentNumber { claims["student_number"] = .string(number) }
        if let grade = award.grade { claims["result"] = ["grade": .string(grade)] }

        let (payload, disclosures) = SDJWT.conceal(claims, disclosable: personal, salt: salt)
        let jwt = try JWS.sign(payload: .object(payload), header: ["typ": .string(type), "kid": .string(identity.verificationMethod(keys.p256ID))],
                               key: .p256(keys.p256))
        return SDJWT.serialize(issuerJWT: jwt, disclosures: disclosures)
    }

    /// What a verifier learns from a valid SD-JWT VC.
    public struct Verified: Sendable {
        public var claims: JSONObject
        public var keyBound: Bool
    }

    /// Verifies an SD-JWT VC: `typ`, issuer signature (key by `kid` from the
    /// issuer's JWKS), `vct`, disclosures, validity window, and — when
    /// `audience` and `nonce` are given — the Key Binding JWT.
    public static func verify(_ text: String, resolveKey: (String) -> IssuerKeys.PublicKey?, at now: Date,
                              audience: String? = nil, nonce: String? = nil, maxKeyBindingAge: TimeInterval = 300) throws(CredentialError) -> Verified {
        let parsed = try SDJWT.parse(text)
        let decoded = try JWS.decode(parsed.issuerJWT)
        try JWS.checkHeader(decoded, expectedType: type)
        // Without a `kid` the resolver is asked for "" (an issuer with a single key may answer).
        guard let key = resolveKey(decoded.keyID ?? "") else {
            throw CredentialError(.badSignature, "the SD-JWT's key \(decoded.keyID ?? "(no kid)") is not one of the issuer's published keys")
        }
        _ = try JWS.verify(parsed.issuerJWT, key: key, expectedType: type)
        guard case .object(let payload) = decoded.payload else { throw .malformed("the SD-JWT payload is not an object") }
        guard payload["vct"]?.stringValue?.isEmpty == false else { throw .malformed("the SD-JWT VC has no vct") }
        if let alg = payload["_sd_alg"]?.stringValue, alg != "sha-256" { throw CredentialError(.unsupported, "_sd_alg \(alg) is not supported") }
        let claims = try SDJWT.reveal(payload, disclosures: parsed.disclosures)
        for disclosure in parsed.disclosures where disclosure.name.map(alwaysPlain.contains) == true {
            throw .malformed("\(disclosure.name!) may not be selectively disclosable")
        }
        let seconds = now.timeIntervalSince1970
        if let exp = claims["exp"]?.numberValue?.value, exp <= seconds { throw CredentialError(.outsideValidity, "the credential expired") }
        if let nbf = claims["nbf"]?.numberValue?.value, nbf > seconds { throw CredentialError(.outsideValidity, "the credential is not yet valid") }
        var keyBound = false
        if audience != nil || nonce != nil {
            guard let kb = parsed.keyBindingJWT else { throw CredentialError(.badSignature, "a key binding JWT is required") }
            guard let cnf = claims["cnf"]?["jwk"] else { throw .malformed("the credential has no cnf.jwk to check key binding against") }
            let holder = try KeyEncoding.publicKey(jwk: cnf)
            let kbDecoded = try JWS.verify(kb, key: holder, expectedType: "kb+jwt")
            let sdHash = Base64URL.encode(Data(SHA256Digest.of(parsed.presentedPart)))
            guard kbDecoded.payload["sd_hash"]?.stringValue == sdHash else { throw CredentialError(.badSignature, "the key binding JWT's sd_hash does not match what is presented") }
            if let audience, kbDecoded.payload["aud"]?.stringValue != audience { throw CredentialError(.badSignature, "the key binding JWT is for another audience") }
            if let nonce, kbDecoded.payload["nonce"]?.stringValue != nonce { throw CredentialError(.badSignature, "the key binding JWT has another nonce") }
            guard let iat = kbDecoded.payload["iat"]?.numberValue?.value, abs(seconds - iat) <= maxKeyBindingAge else {
                throw CredentialError(.outsideValidity, "the key binding JWT is too old or from the future")
            }
            keyBound = true
        }
        return Verified(claims: claims, keyBound: keyBound)
    }

    /// The SD-JWT VC Type Metadata document served at the `vct` URL.
    public static func typeMetadata(identity: IssuerIdentity) -> JSONValue {
        func claim(_ path: [String], nl: String, en: String, sd: String) -> JSONValue {
            ["path": .array(path.map { .string($0) }), "display": [["locale": "nl", "label": .string(nl)], ["locale": "en", "label": .string(en)]], "sd": .string(sd)]
        }
        return [
            "vct": .string(vct(identity: identity)),
            "name": "Erkend learning credential",
            "description": "A learning unit or micro-credential a learner achieved, with the EU micro-credential elements.",
            "display": [
                ["locale": "nl", "name": "Leerresultaat", "description": "Een behaalde leereenheid of microcredential"],
                ["locale": "en", "name": "Learning achievement", "description": "A learning unit or micro-credential achieved"],
            ],
            "claims": [
                claim(["name"], nl: "Naam", en: "Name", sd: "always"),
                claim(["birthdate"], nl: "Geboortedatum", en: "Date of birth", sd: "always"),
                claim(["student_number"], nl: "Studentnummer", en: "Student number", sd: "always"),
                claim(["result", "grade"], nl: "Resultaat", en: "Result", sd: "always"),
                claim(["awarded_on"], nl: "Behaald op", en: "Awarded on", sd: "never"),
                claim(["achievement", "name"], nl: "Leereenheid", en: "Learning unit", sd: "never"),
                claim(["achievement", "awarding_body"], nl: "Uitgevende instelling", en: "Awarding body", sd: "never"),
                claim(["achievement", "eqf_level"], nl: "EQF-niveau", en: "EQF level", sd: "never"),
                claim(["achievement", "credit_points", "value"], nl: "Studielast", en: "Workload", sd: "never"),
            ],
        ]
    }
}

enum SHA256Digest {
    static func of(_ text: String) -> Data { Data(SHA256.hash(data: Data(text.utf8))) }
}
