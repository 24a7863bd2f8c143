import ErkendCore
import ErkendCredentials
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A learner's awards over the API: the list (the learner and staff who may read the
/// learner), the credential files for learners without a wallet (Open Badges 3.0
/// JSON and VC-JWT; only the learner downloads, since a download marks the award
/// collected and is audited as an issuance), and revocation by the examencommissie
/// or an administrator.
struct AwardsController: Sendable {
    let publisher: CredentialPublisher
    let storage: ErkendStorage

    struct Revocation: Decodable { var reason: String }

    func addRoutes(to router: GuardedRouter) {
        let base = "api/v1/learners/:learner/awards"
        router.get(base, .learner(Action.readLearner)) { _, context in
            try JSONIO.response(try await storage.awards.awards(learner: try learnerID(context)))
        }
        router.get("\(base)/:award/ob3", .learner(Action.collectAward)) { _, context in
            try await download(.openBadge, context)
        }
        router.get("\(base)/:award/vc-jwt", .learner(Action.collectAward)) { _, context in
            try await download(.vcJWT, context)
        }
        router.get("\(base)/:award/clr", .learner(Action.collectAward)) { _, context in
            try await download(.clr, context)
        }
        router.post("\(base)/:award/revoke", .learner(Action.revokeAward)) { request, context in
            let input = try await JSONIO.decode(Revocation.self, from: request, context: context)
            let award = try await award(context)
            let revoked = try await storage.awards.revoke(
                award.id, Award.Revocation(on: publisher.now(), by: context.principal.auditIdentifier, reason: input.reason),
                audit: auditRecord(context, AuditAction.awardRevoked, award, details: [:]))
            return try JSONIO.response(revoked)
        }
    }

    /// The award named in the path, if it is the learner's.
    func award(_ context: ErkendRequestContext) async throws -> Award {
        let learner = try learnerID(context)
        let id = try Award.ID(validating: try context.parameters.require("award"))
        guard let award = try await storage.awards.award(id), award.learner == learner else {
            throw ErkendError.notFound("award \(id) of learner \(learner)")
        }
        return award
    }

    func download(_ format: AwardCredentials.Format, _ context: ErkendRequestContext) async throws -> Response {
        let award = try await award(context)
        guard let learner = try await storage.progression.learners.learner(award.learner) else { throw ErkendError.notFound("learner \(award.learner)") }
        let key = VersionKey(award.kind.certifiedKind, award.certifies.code, award.certifies.version)
        guard let certified = try await storage.catalogue.entity(key) else {
            throw ErkendError.notFound("\(key), which award \(award.id) certifies")
        }
        var stacked: [(award: Award, certified: AnyCatalogueEntity)] = []
        if format == .clr, case .programme(let programme) = certified {
            for part in CompletionAwards.stacked(by: award, programme: programme, among: try await storage.awards.awards(learner: learner.id)) {
                let partKey = VersionKey(part.kind.certifiedKind, part.certifies.code, part.certifies.version)
                guard let entity = try await storage.catalogue.entity(partKey) else { throw ErkendError.notFound("\(partKey), which award \(part.id) certifies") }
                stacked.append((part, entity))
            }
        }
        let identity = try publisher.identity()
        let renderer = AwardCredentials(identity: identity, keys: publisher.setup.keys, loader: try publisher.loader(identity))
        let file: (body: String, type: String)
        do {
            file = try renderer.file(award, format: format, certified: certified, learner: learner, stacked: stacked, at: publisher.now())
        } catch let error as CredentialError {
            throw ErkendError(.ruleViolation, "the credential could not be made: \(error.message)")
        }
        _ = try await storage.awards.markCollected(award.id, audit: auditRecord(context, AuditAction.awardCollected, award,
                                                                               details: ["format": format.rawValue, "credential": renderer.credentialID(award)]))
        let name = "\(award.certifies.code)-\(award.certifies.version)\(award.phase.map { "-\($0)" } ?? "")\(format == .clr ? "-clr" : "").\(format == .vcJWT ? "jwt" : "json")"
        return Response(status: .ok, headers: [.contentType: file.type, .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: file.body)))
    }

    func auditRecord(_ context: ErkendRequestContext, _ action: String, _ award: Award, details: [String: String]) -> AuditRecord {
        AuditRecord(at: publisher.now(), actor: context.principal.auditActor, channel: context.principal.auditChannel, action: action,
                    subject: award.learner, target: award.id.rawValue, details: details)
    }
}
