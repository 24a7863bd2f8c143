import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// The versioned catalogue over HTTP, the same routes for each kind
/// (`outcomes`, `units`, `epas`, `programmes`): list, create drafts, edit
/// drafts, publish, deprecate, and see who uses a code.
struct CatalogueController: Sendable {
    typealias Context = ErkendRequestContext
    let service: CatalogueService
    let kind: CatalogueKind

    func addRoutes(to router: GuardedRouter) {
        let base = "api/v1/\(kind.plural)"
        let read = RouteRequirement.action(.readPublished)
        let edit = RouteRequirement.action(.editCatalogue)
        router.get(base, read, use: list)
        router.post(base, edit, use: create)
        router.get("\(base)/:code", read, use: current)
        router.get("\(base)/:code/usage", read, use: usage)
        router.get("\(base)/:code/versions", read, use: versions)
        router.post("\(base)/:code/versions", edit, use: newVersion)
        router.get("\(base)/:code/versions/:version", read, use: version)
        router.put("\(base)/:code/versions/:version", edit, use: update)
        router.delete("\(base)/:code/versions/:version", edit, use: delete)
        router.post("\(base)/:code/versions/:version/publish", edit, use: publish)
        router.post("\(base)/:code/versions/:version/deprecate", edit, use: deprecate)
    }

    /// A code with all its versions and the one that counts now.
    struct Overview: Encodable {
        var kind: CatalogueKind
        var code: String
        /// The newest published version, else the newest version.
        var current: AnyCatalogueEntity
        var versions: [CatalogueSummary]
    }

    struct DeprecationRequest: Decodable {
        var replacedBy: EntityReference?
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        let skill = try query.string("skill").map { try ConceptURI($0) }
        var filter = CatalogueFilter(
            status: try query.enumeration("status", as: LifecycleStatus.self),
            text: query.string("q"),
            level: try query.int("level"),
            skill: skill,
            latestOnly: !(try query.bool("allVersions") ?? false))
        filter.excludeDrafts = !AccessPolicy.seesDrafts(context.principal)
        return try JSONIO.response(try await service.repository.list(kind, filter: filter, page: try query.page()))
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let input = try await decodeEntity(request, context: context)
        let created = try await service.create(input)
        return try JSONIO.response(created, status: .created, headers: [.location: location(created.key)])
    }

    @Sendable func current(_ request: Request, context: Context) async throws -> Response {
        let code = try codeParameter(context)
        let all = try await visibleVersions(code, context)
        guard let newest = all.last else { throw ErkendError.notFound("\(kind.displayName) \(code)") }
        let current = all.last { $0.status == .published } ?? newest
        return try JSONIO.response(Overview(kind: kind, code: code, current: current, versions: all.map { CatalogueSummary($0.entity) }))
    }

    @Sendable func versions(_ request: Request, context: Context) async throws -> Response {
        let code = try codeParameter(context)
        let all = try await visibleVersions(code, context)
        guard !all.isEmpty else { throw ErkendError.notFound("\(kind.displayName) \(code)") }
        return try JSONIO.response(all.map { CatalogueSummary($0.entity) })
    }

    @Sendable func newVersion(_ request: Request, context: Context) async throws -> Response {
        let code = try codeParameter(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let input = body.readableBytes == 0 ? nil : try decodeEntity(Data(body.readableBytesView))
        let draft = try await service.newVersion(kind, code: code, from: input)
        return try JSONIO.response(draft, status: .created, headers: [.location: location(draft.key)])
    }

    @Sendable func version(_ request: Request, context: Context) async throws -> Response {
        let key = try versionKey(context)
        // The stored JSON is what encoding the entity would give; serving it as it
        // is spares decoding and encoding on the catalogue's busiest route.
        guard let stored = try await service.repository.storedJSON(key),
              stored.status != .draft || AccessPolicy.seesDrafts(context.principal) else { throw ErkendError.notFound(key.description) }
        // Drafts change under the same key; only settled versions get a validator.
        let headers: HTTPFields = stored.status == .draft ? [:] : [.eTag: eTag(key, stored.status)]
        return JSONIO.raw(Data(stored.json.utf8), headers: headers)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let key = try versionKey(context)
        let input = try await decodeEntity(request, context: context)
        return try JSONIO.response(try await service.updateDraft(key, with: input))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try await service.deleteDraft(try versionKey(context))
        return Response(status: .noContent)
    }

    @Sendable func publish(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.publish(try versionKey(context)))
    }

    @Sendable func deprecate(_ request: Request, context: Context) async throws -> Response {
        let key = try versionKey(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let input = body.readableBytes == 0 ? DeprecationRequest(replacedBy: nil) : try JSONIO.decode(DeprecationRequest.self, from: Data(body.readableBytesView))
        return try JSONIO.response(try await service.deprecate(key, replacedBy: input.replacedBy, by: context.principal))
    }

    @Sendable func usage(_ request: Request, context: Context) async throws -> Response {
        let code = try codeParameter(context)
        guard try await !visibleVersions(code, context).isEmpty else {
            throw ErkendError.notFound("\(kind.displayName) \(code)")
        }
        let drafts = AccessPolicy.seesDrafts(context.principal)
        return try JSONIO.response(try await service.repository.usages(of: kind, code: code).filter { drafts || $0.user.status != .draft })
    }

    // MARK: - Helpers

    /// The versions the principal may see: drafts only for those who work on the catalogue.
    private func visibleVersions(_ code: String, _ context: Context) async throws -> [AnyCatalogueEntity] {
        let all = try await service.repository.versions(kind, code: code)
        return AccessPolicy.seesDrafts(context.principal) ? all : all.filter { $0.status != .draft }
    }

    private func codeParameter(_ context: Context) throws -> String {
        let code = try context.parameters.require("code")
        try CatalogueCode.validate(code)
        return code
    }

    private func versionKey(_ context: Context) throws -> VersionKey {
        let text = try context.parameters.require("version")
        guard let version = Int(text), version >= 1 else { throw ErkendError.invalid("version", "expected a version number from 1, got '\(text.prefix(20))'") }
        return VersionKey(kind, try codeParameter(context), version)
    }

    private func decodeEntity(_ request: Request, context: Context) async throws -> AnyCatalogueEntity {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        guard body.readableBytes > 0 else { throw ErkendError(.invalidInput, "the request needs a JSON body describing the \(kind.displayName)") }
        return try decodeEntity(Data(body.readableBytesView))
    }

    private func decodeEntity(_ data: Data) throws -> AnyCatalogueEntity {
        do {
            return try AnyCatalogueEntity.decode(kind, data: data)
        } catch let error as DecodingError {
            throw ErkendError(.invalidInput, JSONIO.describe(error), details: [.init(location: JSONIO.pointer(of: error), message: JSONIO.describe(error))])
        }
    }

    private func location(_ key: VersionKey) -> String {
        "/api/v1/\(key.kind.plural)/\(key.code)/versions/\(key.version)"
    }

    private func eTag(_ key: VersionKey, _ status: LifecycleStatus) -> String {
        "\"\(key.code)@\(key.version)-\(status.rawValue)\""
    }
}
