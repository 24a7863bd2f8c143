public import ErkendCore
public import Foundation
public import LinkedData

extension OpenBadgeCredential {
    /// The stable id of a programme version's achievement, or of one of its phases (`…/versions/N#phase-CODE`).
    public static func programmeAchievementID(_ programme: ExactReference, phase: String?, identity: IssuerIdentity) -> String {
        let programmeID = identity.achievementURL(kind: "programmes", code: programme.code, version: programme.version)
        return phase.map { programmeID + "#phase-" + $0 } ?? programmeID
    }

    /// The achievement a completed phase or programme is: what it asks for in words, its level.
    static func programmeAchievement(_ programme: Programme, phase code: String?, identity: IssuerIdentity) throws(CredentialError) -> JSONObject {
        var achievement = JSONObject()
        achievement["id"] = .string(programmeAchievementID(ExactReference(programme), phase: code, identity: identity))
        achievement["type"] = ["Achievement"]
        achievement["humanCode"] = .string(programme.code)
        achievement["version"] = .string(String(programme.version))
        if let code {
            guard let phase = programme.phases.first(where: { $0.code == code }) else {
                throw CredentialError(.issuance, "programme \(programme.code)@\(programme.version) has no phase \(code)")
            }
            let title = phase.title.best() ?? phase.code
            achievement["achievementType"] = "ext:ProgrammePhase"
            achievement["name"] = .string("\(programme.displayTitle): \(title)")
            achievement["description"] = .string(bilingualOrNil(phase.description) ?? "Fase \(title) van \(programme.displayTitle). / Phase \(title) of \(programme.displayTitle).")
            var parts: [String] = phase.units.map { "- \($0)" }
            parts += phase.epaTargets.map { "- \($0.epa) (niveau / level \($0.level))" }
            parts += programme.choiceGroups.filter { $0.phase == code }.map { "- \($0.choose) uit / of \($0.code)" }
            achievement["criteria"] = ["narrative": .string((["Alle eisen van de fase afgerond. / Every requirement of the phase met."] + parts).joined(separator: "\n"))]
        } else {
            achievement["achievementType"] = "LearningProgram"
            achievement["name"] = .string(programme.displayTitle)
            achievement["description"] = .string(bilingualOrNil(programme.description) ?? programme.displayTitle)
            let phases = programme.phases.map { "- " + ($0.title.best() ?? $0.code) }
            achievement["criteria"] = ["narrative": .string((["Alle fasen en eisen van de opleiding afgerond. / Every phase and requirement of the programme met."] + phases).joined(separator: "\n"))]
        }
        let alignments = levelAlignments(programme.level)
        if !alignments.isEmpty { achievement["alignment"] = .array(alignments) }
        return achievement
    }

    /// A completed phase or programme as an Open Badges 3.0 credential of its own: the achievement is the
    /// phase (or programme) of the exact programme version; a CLR stacks it with what it was built from.
    public static func completion(_ award: Award, programme: Programme, holder: CredentialHolder, identity: IssuerIdentity,
                                  credentialID: String, issuedAt: Date, status: StatusListEntry? = nil) throws(CredentialError) -> JSONValue {
        guard award.kind == .phaseCompleted || award.kind == .programmeCompleted, award.certifies.identifies(programme) else {
            throw CredentialError(.issuance, "award \(award.id) is not a completion of \(programme.code)@\(programme.version)")
        }
        let achievement = try programmeAchievement(programme, phase: award.kind == .phaseCompleted ? award.phase : nil, identity: identity)
        var subject = holder.subjectMembers
        subject["type"] = ["AchievementSubject"]
        subject["achievement"] = .object(achievement)
        if let phase = award.phase { subject["phase"] = .string(phase) }
        subject["result"] = [["type": ["Result"], "status": "Completed"]]
        return credential(award, name: achievement["name"]?.stringValue ?? programme.displayTitle, subject: subject, identity: identity,
                          credentialID: credentialID, issuedAt: issuedAt, status: status)
    }
}

/// CLR 2.0 `ClrCredential`s: a completed phase or programme with the learner's credentials it stacks.
///
/// `credentialSubject.verifiableCredential` holds whole, individually signed Open Badges 3.0
/// credentials — the completion itself first, then the units, recognitions, entrustment decisions
/// (and, for a programme, phases) it stacks — so each verifies on its own when taken out.
/// `association` says how their achievements hang together: a unit or EPA `isChildOf` its phase,
/// a phase `isChildOf` the programme, and each phase `precedes` the next. Achievements an association
/// names that no embedded credential asserts are listed in `achievement`.
public enum ClrCredential {
    public static let context = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

    /// One stacked credential: the award it renders and the signed credential.
    public struct Part: Sendable {
        public var award: Award
        public var credential: JSONValue
        public init(award: Award, credential: JSONValue) {
            self.award = award
            self.credential = credential
        }
    }

    /// The unsigned CLR of a phase or programme award. `completion` is the award's own signed
    /// Open Badges 3.0 credential, `parts` the signed credentials it stacks.
    public static func stack(_ award: Award, programme: Programme, completion: JSONValue, parts: [Part], holder: CredentialHolder,
                             identity: IssuerIdentity, credentialID: String, issuedAt: Date,
                             status: StatusListEntry? = nil) throws(CredentialError) -> JSONValue {
        guard award.kind == .phaseCompleted || award.kind == .programmeCompleted, award.certifies.identifies(programme) else {
            throw CredentialError(.issuance, "award \(award.id) is not a completion of \(programme.code)@\(programme.version)")
        }
        let reference = ExactReference(programme)
        func phaseID(_ code: String) -> String { OpenBadgeCredential.programmeAchievementID(reference, phase: code, identity: identity) }
        let programmeID = OpenBadgeCredential.programmeAchievementID(reference, phase: nil, identity: identity)
        let ownID = award.kind == .phaseCompleted ? phaseID(award.phase ?? "") : programmeID

        var associations: [(type: String, source: String, target: String)] = []
        func associate(_ type: String, _ source: String, _ target: String) {
            if !associations.contains(where: { $0 == (type, source, target) }) { associations.append((type, source, target)) }
        }
        /// The phase a unit or EPA belongs to in this programme, or `nil` for the programme as a whole.
        func home(of part: Award) -> String? {
            for phase in programme.phases {
                switch part.kind {
                case .unitPassed, .recognitionGranted:
                    if phase.units.contains(where: part.certifies.satisfies) { return phase.code }
                    if programme.choiceGroups.contains(where: { $0.phase == phase.code && $0.units.contains(where: part.certifies.satisfies) }) {
                        return phase.code
                    }
                case .entrustmentDecision:
                    if phase.epaTargets.contains(where: { part.certifies.satisfies($0.epa) }) { return phase.code }
                case .phaseCompleted, .programmeCompleted:
                    return nil
                }
            }
            return nil
        }
        var embeddedAchievements = Set([ownID])
        for part in parts {
            guard let achievementID = part.credential["credentialSubject"]?["achievement"]?["id"]?.stringValue else {
                throw CredentialError(.issuance, "the credential of award \(part.award.id) names no achievement")
            }
            embeddedAchievements.insert(achievementID)
            switch part.award.kind {
            case .phaseCompleted:
                associate("isChildOf", achievementID, programmeID)
            case .programmeCompleted:
                break
            default:
                let phase = award.kind == .phaseCompleted ? award.phase : home(of: part.award)
                associate("isChildOf", achievementID, phase.map(phaseID) ?? programmeID)
            }
        }
        if award.kind == .phaseCompleted {
            associate("isChildOf", ownID, programmeID)
        } else {
            for phase in programme.phases { associate("isChildOf", phaseID(phase.code), programmeID) }
        }
        for (earlier, later) in zip(programme.phases, programme.phases.dropFirst())
        where award.kind == .programmeCompleted || earlier.code == award.phase || later.code == award.phase {
            associate("precedes", phaseID(earlier.code), phaseID(later.code))
        }

        // Achievements the associations name that no embedded credential asserts: the programme a phase is part of,
        // neighbouring phases, phases of a programme without their own award.
        var listed: [JSONValue] = []
        var named = Set<String>()
        for association in associations {
            for id in [association.source, association.target] where !embeddedAchievements.contains(id) && named.insert(id).inserted {
                let phase = id == programmeID ? nil : programme.phases.first { phaseID($0.code) == id }?.code
                listed.append(.object(try OpenBadgeCredential.programmeAchievement(programme, phase: phase, identity: identity)))
            }
        }

        var subject = holder.subjectMembers
        subject["type"] = ["ClrSubject"]
        subject["verifiableCredential"] = .array([completion] + parts.map(\.credential))
        if !listed.isEmpty { subject["achievement"] = .array(listed) }
        subject["association"] = .array(associations.map { association in
            ["type": "Association", "associationType": .string(association.type),
             "sourceId": .string(association.source), "targetId": .string(association.target)]
        })

        var credential = JSONObject()
        credential["@context"] = .array((["https://www.w3.org/ns/credentials/v2", context, OpenBadgeCredential.contexts[1],
                                          ErkendContext.url(publicURL: identity.publicURL)]).map { .string($0) })
        credential["id"] = .string(credentialID)
        credential["type"] = ["VerifiableCredential", "ClrCredential"]
        credential["name"] = .string(completion["name"]?.stringValue ?? programme.displayTitle)
        credential["description"] = .string(award.kind == .phaseCompleted
            ? "Afgeronde fase met de credentials waaruit ze is opgebouwd. / A completed phase with the credentials it is built from."
            : "Afgeronde opleiding met de credentials waaruit ze is opgebouwd. / A completed programme with the credentials it is built from.")
        credential["partial"] = .bool(award.kind == .phaseCompleted)
        credential["issuer"] = OpenBadgeCredential.issuerProfile(identity)
        credential["validFrom"] = .string(Timestamp.string(issuedAt))
        credential["awardedDate"] = .string(Timestamp.string(award.issuedOn.start(in: Day.netherlands)))
        credential["credentialSubject"] = .object(subject)
        if let status { credential["credentialStatus"] = status.json }
        return .object(credential)
    }
}
