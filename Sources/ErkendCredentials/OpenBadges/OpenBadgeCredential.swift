import Crypto
public import ErkendCore
public import Foundation
public import LinkedData

/// Who a credential is about, as the credential names them: a DID the holder
/// proved to control, or a salted hash of an e-mail address or student number
/// (an OB 3.0 `IdentityObject`), for learners without a wallet.
public enum CredentialHolder: Sendable, Hashable {
    case did(String)
    case emailAddress(String, salt: String)
    case studentNumber(String, salt: String)

    var subjectMembers: JSONObject {
        var object = JSONObject()
        switch self {
        case .did(let did):
            object["id"] = .string(did)
        case .emailAddress(let value, let salt), .studentNumber(let value, let salt):
            let type = if case .emailAddress = self { "emailAddress" } else { "ext:studentNumber" }
            let hash = SHA256.hash(data: Data((value.lowercased() + salt).utf8)).map { String(format: "%02x", $0) }.joined()
            object["identifier"] = [[
                "type": "IdentityObject", "hashed": true, "identityHash": .string("sha256$" + hash),
                "identityType": .string(type), "salt": .string(salt),
            ]]
        }
        return object
    }
}

/// A Bitstring Status List entry: which list, which index, which purpose.
public struct StatusListEntry: Sendable, Hashable {
    public var listURL: String
    public var index: Int
    public var purpose: String
    public init(listURL: String, index: Int, purpose: String = "revocation") {
        self.listURL = listURL
        self.index = index
        self.purpose = purpose
    }

    var json: JSONValue {
        [
            "id": .string("\(listURL)#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": .string(purpose),
            "statusListIndex": .string(String(index)), "statusListCredential": .string(listURL),
        ]
    }
}

/// Open Badges 3.0 `OpenBadgeCredential`s (VC Data Model 2.0) from awards.
///
/// The result is unsigned: secure it with `DataIntegrity.sign` (embedded
/// proof) and/or `VCJWT.sign` (envelope). Every multi-valued property is an
/// array and nothing empty is written, as OB 3.0's serialization rules ask.
public enum OpenBadgeCredential {
    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]

    /// What the catalogue says about the achievement: the unit or EPA, its
    /// outcomes, and the labels of the ESCO skills they align to.
    public struct Catalogue: Sendable {
        public var outcomes: [LearningOutcome]
        /// ESCO URI → preferred label.
        public var skillLabels: [String: String]
        public init(outcomes: [LearningOutcome] = [], skillLabels: [String: String] = [:]) {
            self.outcomes = outcomes
            self.skillLabels = skillLabels
        }
    }

    /// The credential for a passed or recognised unit, with the EU micro-credential elements the unit holds.
    public static func unit(_ award: Award, unit: LearningUnit, catalogue: Catalogue = Catalogue(), holder: CredentialHolder,
                            identity: IssuerIdentity, credentialID: String, issuedAt: Date,
                            status: StatusListEntry? = nil) throws(CredentialError) -> JSONValue {
        guard award.kind == .unitPassed || award.kind == .recognitionGranted, award.certifies.identifies(unit) else {
            throw CredentialError(.issuance, "award \(award.id) does not certify unit \(unit.code)@\(unit.version)")
        }
        var achievement = JSONObject()
        achievement["id"] = .string(identity.achievementURL(kind: "units", code: unit.code, version: unit.version))
        achievement["type"] = ["Achievement"]
        achievement["achievementType"] = .string(unit.unitKind == .microcredential ? "MicroCredential" : unit.unitKind == .course ? "Course" : "ext:LearningUnit")
        achievement["name"] = .string(unit.displayTitle)
        achievement["description"] = .string(unit.description.best() ?? unit.displayTitle)
        achievement["criteria"] = ["narrative": .string(criteria(unit: unit, catalogue: catalogue))]
        achievement["humanCode"] = .string(unit.code)
        achievement["version"] = .string(String(unit.version))
        if let ects = unit.workload.ects { achievement["creditsAvailable"] = .number(JSONNumber(ects)) }
        if let sbu = unit.workload.sbu { achievement["studyLoad"] = .number(JSONNumber(sbu)) }
        let alignments = levelAlignments(unit.level) + skillAlignments(catalogue)
        if !alignments.isEmpty { achievement["alignment"] = .array(alignments) }
        if !unit.languages.isEmpty { achievement["inLanguage"] = .string(unit.languages[0]) }
        achievement["assessmentType"] = .string(unit.assessment.method.rawValue)
        achievement["participationType"] = .string(unit.participation.rawValue)
        if let supervision = unit.assessment.supervision { achievement["supervisionType"] = .string(supervision.rawValue) }
        if let qa = unit.qualityAssurance.best() { achievement["qualityAssurance"] = .string(qa) }
        achievement["stackability"] = .string(unit.stackability.rawValue)

        var subject = holder.subjectMembers
        subject["type"] = ["AchievementSubject"]
        subject["achievement"] = .object(achievement)
        if let ects = unit.workload.ects { subject["creditsEarned"] = .number(JSONNumber(ects)) }
        if let grade = award.grade {
            subject["result"] = [["type": ["Result"], "value": .string(grade), "status": "Completed"]]
        }
        if award.kind == .recognitionGranted {
            subject["narrative"] = "Erkend op grond van eerder of elders verworven competenties (EVC). / Recognised on prior learning (RPL)."
        }
        return credential(award, name: unit.displayTitle, subject: subject, identity: identity, credentialID: credentialID,
                          issuedAt: issuedAt, status: status)
    }

    /// The entrustment decision as an OB 3.0 credential: the achievement is
    /// the EPA (exact version), whose result description is the EPA's
    /// entrustment scale; the result is the level decided, with its meaning.
    /// Scope, conditions, committee and decision basis come from Erkend's context.
    public static func entrustment(_ award: Award, epa: EPA, catalogue: Catalogue = Catalogue(), holder: CredentialHolder,
                                   identity: IssuerIdentity, credentialID: String, issuedAt: Date,
                                   status: StatusListEntry? = nil) throws(CredentialError) -> JSONValue {
        guard award.kind == .entrustmentDecision, let entrustment = award.entrustment, award.certifies.identifies(epa) else {
            throw CredentialError(.issuance, "award \(award.id) is not an entrustment decision on \(epa.code)@\(epa.version)")
        }
        guard let level = epa.scale.level(entrustment.level) else {
            throw CredentialError(.issuance, "level \(entrustment.level) is not on the scale of \(epa.code)@\(epa.version)")
        }
        let achievementID = identity.achievementURL(kind: "epas", code: epa.code, version: epa.version)
        let scaleID = achievementID + "#scale-" + epa.scale.id
        func levelID(_ code: String) -> String { scaleID + "-level-" + code }

        let levels: [JSONValue] = epa.scale.levels.map { level in
            var object = JSONObject()
            object["id"] = .string(levelID(level.code))
            object["type"] = ["RubricCriterionLevel"]
            object["name"] = .string(bilingual(level.label))
            if let description = bilingualOrNil(level.description) { object["description"] = .string(description) }
            object["level"] = .string(level.code)
            return .object(object)
        }
        var scale = JSONObject()
        scale["id"] = .string(scaleID)
        scale["type"] = ["ResultDescription"]
        scale["name"] = .string(bilingual(epa.scale.title, fallback: "Entrustment level"))
        scale["resultType"] = "RubricCriterionLevel"
        scale["rubricCriterionLevel"] = .array(levels)

        var achievement = JSONObject()
        achievement["id"] = .string(achievementID)
        achievement["type"] = ["Achievement"]
        achievement["achievementType"] = "ext:EntrustableProfessionalActivity"
        achievement["name"] = .string(epa.displayTitle)
        achievement["description"] = .string(epa.description.best() ?? epa.displayTitle)
        achievement["criteria"] = ["narrative": .string(
            "Bekwaamverklaring door \(entrustment.committee) op basis van observaties in de praktijk. / Entrustment decision by \(entrustment.committee) based on workplace observations.")]
        achievement["humanCode"] = .string(epa.code)
        achievement["version"] = .string(String(epa.version))
        achievement["resultDescription"] = [.object(scale)]
        let alignments = levelAlignments(epa.level) + skillAlignments(catalogue, extra: epa.skills)
        if !alignments.isEmpty { achievement["alignment"] = .array(alignments) }

        var subject = holder.subjectMembers
        subject["type"] = ["AchievementSubject"]
        subject["achievement"] = .object(achievement)
        subject["result"] = [[
            "type": ["Result"], "resultDescription": .string(scaleID), "achievedLevel": .string(levelID(level.code)),
            "value": .string(level.code), "status": "Completed",
        ]]
        subject["supervisionLevel"] = .number(JSONNumber(level.supervision))
        if let scope = entrustment.scope, !scope.isEmpty { subject["entrustmentScope"] = .string(scope) }
        if let conditions = bilingualOrNil(epa.limitations) { subject["entrustmentConditions"] = .string(conditions) }
        subject["decidingCommittee"] = .string(entrustment.committee)
        subject["decisionBasis"] = .string(entrustment.basisSummary)
        let name = "\(epa.displayTitle) — \(level.label.best() ?? level.code)"
        return credential(award, name: name, subject: subject, identity: identity, credentialID: credentialID,
                          issuedAt: issuedAt, status: status)
    }

    static func credential(_ award: Award, name: String, subject: JSONObject, identity: IssuerIdentity, credentialID: String,
                           issuedAt: Date, status: StatusListEntry?) -> JSONValue {
        var credential = JSONObject()
        credential["@context"] = .array((contexts + [ErkendContext.url(publicURL: identity.publicURL)]).map { .string($0) })
        credential["id"] = .string(credentialID)
        credential["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
        credential["name"] = .string(name)
        credential["issuer"] = issuerProfile(identity)
        credential["validFrom"] = .string(Timestamp.string(issuedAt))
        if let validUntil = award.validUntil { credential["validUntil"] = .string(Timestamp.string(validUntil.start(in: Day.netherlands))) }
        credential["awardedDate"] = .string(Timestamp.string(award.issuedOn.start(in: Day.netherlands)))
        credential["credentialSubject"] = .object(subject)
        if let status { credential["credentialStatus"] = status.json }
        if !award.evidence.isEmpty {
            credential["evidence"] = .array(award.evidence.map { item in
                var object = JSONObject()
                object["id"] = .string(item.id)
                object["type"] = ["Evidence"]
                object["name"] = .string(item.name)
                if let narrative = item.narrative { object["narrative"] = .string(narrative) }
                return .object(object)
            })
        }
        return .object(credential)
    }

    public static func issuerProfile(_ identity: IssuerIdentity) -> JSONValue {
        [
            "id": .string(identity.did), "type": ["Profile"], "name": .string(identity.name),
            "url": .string(identity.homepage ?? identity.publicURL),
            "address": ["type": ["Address"], "addressCountryCode": .string(identity.country)],
        ]
    }

    static func levelAlignments(_ level: QualificationLevel) -> [JSONValue] {
        var alignments: [JSONValue] = []
        if let eqf = level.eqf {
            alignments.append([
                "type": ["Alignment"], "targetName": .string("EQF niveau \(eqf) / EQF level \(eqf)"),
                "targetUrl": .string("http://data.europa.eu/snb/eqf/\(eqf)"), "targetCode": .string(String(eqf)),
                "targetFramework": "European Qualifications Framework", "targetType": "ext:EQF",
            ])
        }
        if let nlqf = level.nlqf {
            alignments.append([
                "type": ["Alignment"], "targetName": .string("NLQF niveau \(nlqf) / NLQF level \(nlqf)"),
                "targetUrl": .string("https://www.nlqf.nl/nlqf-niveaus#niveau-\(nlqf)"), "targetCode": .string(String(nlqf)),
                "targetFramework": "Nederlands Kwalificatieraamwerk (NLQF)", "targetType": "ext:NLQF",
            ])
        }
        return alignments
    }

    static func skillAlignments(_ catalogue: Catalogue, extra: [SkillAlignment] = []) -> [JSONValue] {
        var seen = Set<String>()
        var alignments: [JSONValue] = []
        for alignment in extra + catalogue.outcomes.flatMap(\.alignments) {
            let uri = alignment.skill.rawValue
            guard seen.insert(uri).inserted else { continue }
            alignments.append([
                "type": ["Alignment"], "targetName": .string(catalogue.skillLabels[uri] ?? uri), "targetUrl": .string(uri),
                "targetFramework": "ESCO", "targetType": "ext:ESCOSkill",
            ])
        }
        return alignments
    }

    static func criteria(unit: LearningUnit, catalogue: Catalogue) -> String {
        var lines: [String] = []
        if let assessment = unit.assessment.description.best() { lines.append(assessment) }
        for outcome in catalogue.outcomes {
            lines.append("- " + outcome.displayTitle)
        }
        if lines.isEmpty { lines.append("Met goed gevolg afgerond: \(unit.displayTitle). / Passed: \(unit.displayTitle).") }
        return lines.joined(separator: "\n")
    }

    static func bilingual(_ text: LocalizedText, fallback: String = "") -> String {
        bilingualOrNil(text) ?? fallback
    }

    static func bilingualOrNil(_ text: LocalizedText) -> String? {
        switch (text["nl"], text["en"]) {
        case (let nl?, let en?) where nl != en: "\(nl) / \(en)"
        case (let nl?, _): nl
        case (nil, let en?): en
        default: text.best()
        }
    }
}
