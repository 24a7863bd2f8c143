public import Foundation

/// What staff, mentors and learners do with progression: enrol and place,
/// observe, ask for sign-off, decide, record results, recognise prior learning,
/// and see progress. Each method checks the rules of the core, then hands one
/// write with its audit record to storage.
public struct ProgressionService: Sendable {
    public let storage: any ProgressionStorage
    public let catalogue: CatalogueService
    public let taxonomy: any TaxonomyRepository
    public let now: @Sendable () -> Date
    /// New record ids; random UUIDs in production, predictable in tests.
    public let makeID: @Sendable () -> String
    /// Secrets for sign-off links: unguessable, URL-safe, at least 32 characters.
    public let makeToken: @Sendable () -> String
    /// One-time codes of six digits for confirming a signature made on the spot.
    public let makeCode: @Sendable () -> String
    let snapshots: ProgrammeSnapshotCache

    public init(storage: any ProgressionStorage, catalogue: CatalogueService, taxonomy: any TaxonomyRepository,
                now: @escaping @Sendable () -> Date, makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                makeToken: @escaping @Sendable () -> String = ProgressionService.randomToken,
                makeCode: @escaping @Sendable () -> String = { OnTheSpotConfirmation.code(using: { UInt32.random(in: 0..<1_000_000) }) }) {
        self.storage = storage
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        self.now = now
        self.makeID = makeID
        self.makeToken = makeToken
        self.makeCode = makeCode
        self.snapshots = ProgrammeSnapshotCache()
    }

    /// 32 random bytes from the system's generator as base64url: 43 characters.
    public static let randomToken: @Sendable () -> String = {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Today in the Netherlands.
    public var today: Day { Day(now()) }

    /// The audit record of an action by `principal`.
    func audit(_ principal: Principal, _ action: String, subject: Learner.ID?, target: String = "", details: [String: String] = [:]) -> AuditRecord {
        AuditRecord(at: now(), actor: principal.auditActor, onBehalfOf: nil, channel: principal.auditChannel, action: action,
                    subject: subject, target: target, details: details)
    }

    func requireLearner(_ id: Learner.ID) async throws -> Learner {
        guard let learner = try await storage.learners.learner(id) else { throw ErkendError.notFound("learner \(id)") }
        return learner
    }

    /// The published version of a programme, pinned or newest.
    func programme(_ reference: ExactReference) async throws -> Programme {
        guard case .programme(let programme)? = try await catalogue.repository.entity(reference.key(.programme)) else {
            throw ErkendError.notFound("programme \(reference)")
        }
        return programme
    }

    /// Resolves a reference to a published (or deprecated) version, never a draft.
    func published(_ kind: CatalogueKind, _ reference: EntityReference) async throws -> AnyCatalogueEntity {
        guard let entity = try await catalogue.resolve(kind, reference), entity.status != .draft else {
            throw ErkendError.invalid(kind.rawValue, "\(kind.displayName) \(reference) does not exist or is not published")
        }
        return entity
    }
}

extension Principal {
    /// Who acted, for the audit log: identifiers only.
    public var auditActor: AuditActor {
        if case .commandLine = channel { return .system }
        if case .signoffLink = channel, let mentor { return .mentor(mentor) }
        if roles.contains(.mentor), let mentor { return .mentor(mentor) }
        if roles == [.learner], let learner { return .learner(learner) }
        if let account { return .staff(account.rawValue) }
        return .anonymous
    }

    /// How they acted, for the audit log: the session, token or link id, never its secret.
    public var auditChannel: AuditChannel {
        switch channel {
        case .session(let id): .session(id)
        case .token(let id, _): .token(id)
        case .signoffLink(let id): AuditChannel(kind: .signoffLink, id: id)
        case .commandLine: .cli("erkend")
        case .anonymous: .system
        }
    }
}
