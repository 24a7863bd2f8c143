import ErkendCore
@testable import ErkendServer
import ErkendStore
import ErkendInterop
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// An Erkend application on a fresh in-memory database, for driving routes in-process.
struct TestApplication {
    let store: ErkendStore
    let services: ErkendServices
    static let instant = Date(timeIntervalSince1970: 1_790_000_000)

    /// A bearer token per role, for accounts that hold just that role.
    private(set) var tokens: [Role: String] = [:]
    static let learnerID = Learner.ID(trusted: "learner-self")
    static let mentorID = Mentor.ID(trusted: "mentor-1")

    static let otherLearnerID = Learner.ID(trusted: "learner-other")
    /// A mentor of `learner-self` whose placement ended on 2026-06-30, before `instant` (demo only).
    static let endedMentorID = Mentor.ID(trusted: "mentor-ended")
    /// The bearer token of the ended mentor's account (demo only).
    static let endedMentorToken = "\(AuthService.tokenPrefix)test-mentor-ended"

    /// - Parameter demo: load the shipped ESCO subset and demo catalogue, and two learners:
    ///   `learner-self` (enrolled in SD-25604, placed with mentor `mentor-1`) and `learner-other`.
    /// - Parameter mailFolder: where mail goes as `.eml` files, as in the demo; erasure cleans it.
    init(taxonomy: Bool = true, demo: Bool = false, databasePath: String? = nil, mailFolder: URL? = nil) async throws {
        store = try databasePath.map { try ErkendStore.open(path: $0) } ?? ErkendStore.inMemory()
        var services = ErkendServices(store: store, now: { TestApplication.instant }, passwordCost: 4, publicURL: "https://erkend.test")
        services.mailTransport = mailFolder.map { FolderMailTransport(folder: $0) }
        self.services = services
        if demo {
            _ = try await store.taxonomy.apply(try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1")), mode: .merge)
            let bundle = try CatalogueBundle.read(from: RepositoryRoot.path("Catalogs/demo"))
            _ = try await services.catalogue.importEntities(bundle.entities)
            try await seedLearners()
        } else if taxonomy {
            _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        }
        for role in Role.allCases {
            let account = Account(id: Account.ID(trusted: "account-\(role.rawValue)"), username: "\(role.rawValue)@example.org",
                                  displayName: "Test \(role.rawValue)", roles: [role],
                                  learner: role == .learner ? Self.learnerID : nil, mentor: role == .mentor ? Self.mentorID : nil,
                                  createdAt: Self.instant)
            try await store.accounts.create(account, passwordHash: services.auth.passwords.hash("correct horse battery staple"))
            // A token with every scope stands in for a signed-in session of the role: the tests (and the
            // access table) are about what roles may do. Real tokens get only the scopes their roles can use.
            let secret = "\(AuthService.tokenPrefix)test-\(role.rawValue)"
            try await store.accounts.createToken(APIToken(id: "token-\(role.rawValue)", account: account.id, name: "test", scopes: Set(TokenScope.allCases),
                                                          createdAt: Self.instant), secretHash: Secrets.hash(secret), audit: nil)
            tokens[role] = secret
        }
        if demo {
            let account = Account(id: Account.ID(trusted: "account-mentor-ended"), username: "mentor-ended@example.org", displayName: "Test mentor (ended)",
                                  roles: [.mentor], mentor: Self.endedMentorID, createdAt: Self.instant)
            try await store.accounts.create(account, passwordHash: services.auth.passwords.hash("correct horse battery staple"))
            try await store.accounts.createToken(APIToken(id: "token-mentor-ended", account: account.id, name: "test", scopes: Set(TokenScope.allCases),
                                                          createdAt: Self.instant), secretHash: Secrets.hash(Self.endedMentorToken), audit: nil)
        }
    }

    /// Two learners, an enrolment, a mentor and a placement that links them, for access and progression tests.
    private func seedLearners() async throws {
        let audit = AuditRecord(at: Self.instant, actor: .system, channel: .system, action: AuditAction.learnerCreated)
        let storage = store.progression
        try await storage.learners.create(Learner(id: Self.learnerID, name: "Sanne de Vries", studentNumber: "100001"), audit: audit)
        try await storage.learners.create(Learner(id: Self.otherLearnerID, name: "Daan Bakker", studentNumber: "100002"), audit: audit)
        try await storage.mentors.create(Mentor(id: Self.mentorID, name: "Fatima el Amrani", organisation: "Bits & Bytes BV",
                                                         email: "fatima@bitsandbytes.example.nl"), audit: audit)
        try await storage.mentors.create(Mentor(id: "mentor-2", name: "Kees Jansen", organisation: "Codefabriek", email: "kees@codefabriek.example.nl"), audit: audit)
        for (learner, mentor) in [(Self.learnerID, Self.mentorID), (Self.otherLearnerID, Mentor.ID(trusted: "mentor-2"))] {
            let enrolment = Enrolment(id: Enrolment.ID(trusted: "enrolment-\(learner)"), learner: learner, programme: ExactReference("SD-25604", version: 1),
                                      startDate: "2025-09-01", cohort: "2025-2026")
            try await storage.enrolments.create(enrolment, audit: audit)
            try await storage.placements.create(Placement(id: Placement.ID(trusted: "placement-\(learner)"), learner: learner, enrolment: enrolment.id,
                                                          organisation: "Bits & Bytes BV", kind: .bpv, startDate: "2025-09-01", mentors: [mentor]), audit: audit)
        }
        // A second, earlier placement of learner-self whose mentor's access has ended.
        try await storage.mentors.create(Mentor(id: Self.endedMentorID, name: "Joost Verhoeven", organisation: "Webbouwers", email: "joost@webbouwers.example.nl"),
                                         audit: audit)
        try await storage.placements.create(Placement(id: "placement-ended", learner: Self.learnerID, enrolment: Enrolment.ID(trusted: "enrolment-\(Self.learnerID)"),
                                                      organisation: "Webbouwers", kind: .bpv, startDate: "2025-09-01", endDate: "2026-06-30",
                                                      mentors: [Self.endedMentorID]), audit: audit)
    }

    /// The token of the newest link mailed for a sign-off request, read from the
    /// outbox as the mentor's mail would carry it (no sender runs in-process).
    func mailedToken(_ request: String) async throws -> String? {
        let mails = try await store.progression.outbox.mails(about: OutgoingMail.about(signoff: SignoffRequest.ID(trusted: request)))
        return mails.first { $0.status == .queued }?.values["linkPath"]?.split(separator: "/").last.map(String.init)
    }

    /// The Authorization header of a role's token.
    /// The Authorization header of the mentor whose placement with `learner-self` has ended.
    var endedMentorHeaders: HTTPFields { [.authorization: "Bearer \(Self.endedMentorToken)"] }

    func headers(_ role: Role?) -> HTTPFields {
        guard let role, let token = tokens[role] else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try buildRouter(services))
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends JSON (or nothing) and returns status and parsed JSON body.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers extra: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: Any?, headers: HTTPFields) {
        var headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: method, headers: headers,
                          body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let parsed = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
            return (response.status, parsed, response.headers)
        }
    }
}

extension Optional where Wrapped == Any {
    subscript(key: String) -> Any? { (self as? [String: Any])?[key] }
}
