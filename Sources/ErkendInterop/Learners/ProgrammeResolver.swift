public import ErkendCore

/// Which version of a programme an `opleiding` cell enrols a learner in: the
/// version it pins (`SD-25604@1`), else the newest published one. A draft is
/// never enrolled in; a deprecated version only when pinned, for the cohorts
/// that still follow it.
public struct ProgrammeResolver: Sendable {
    /// Each code's versions, oldest first.
    private let versions: [String: [AnyCatalogueEntity]]

    /// `versions`: programme versions of any codes; other kinds are left out.
    public init(versions: [AnyCatalogueEntity]) {
        var byCode: [String: [AnyCatalogueEntity]] = [:]
        for entity in versions where entity.kind == .programme {
            byCode[entity.key.code, default: []].append(entity)
        }
        self.versions = byCode.mapValues { $0.sorted { $0.key.version < $1.key.version } }
    }

    /// The versions of `codes` from the catalogue, one read per code.
    public static func load(codes: [String], from catalogue: any CatalogueRepository) async throws -> ProgrammeResolver {
        var all: [AnyCatalogueEntity] = []
        for code in codes {
            all += try await catalogue.versions(.programme, code: code)
        }
        return ProgrammeResolver(versions: all)
    }

    /// The exact version `text` (`CODE` or `CODE@VERSION`) enrols in.
    /// - Throws: `ErkendError` (`.invalidInput` for text that is no code,
    ///   `.notFound` for an unknown code or version, `.ruleViolation` for a
    ///   draft or a code without a published version) whose message says what to do.
    public func resolve(_ text: String) throws -> ExactReference {
        let reference: EntityReference
        do {
            reference = try EntityReference(parsing: text)
        } catch let error as ErkendError {
            let reason = error.details.first?.message ?? error.message
            throw ErkendError(.invalidInput, "'\(text.prefix(60))' is not a programme code (CODE or CODE@VERSION): \(reason)")
        }
        let code = reference.code
        guard let known = versions[code], let newest = known.last else {
            throw ErkendError(.notFound, "programme \(code) is not in the catalogue; check the code, or import the catalogue first")
        }
        if let pinned = reference.version {
            guard let entity = known.first(where: { $0.key.version == pinned }) else {
                let numbers = known.map { String($0.key.version) }.joined(separator: ", ")
                throw ErkendError(.notFound, "programme \(code) has no version \(pinned); it has version \(numbers)")
            }
            guard entity.status != .draft else {
                throw ErkendError(.ruleViolation, "programme \(code)@\(pinned) is a draft; learners enrol in a published version only")
            }
            return ExactReference(code, version: pinned)
        }
        if let published = known.last(where: { $0.status == .published }) {
            return ExactReference(code, version: published.key.version)
        }
        if let deprecated = known.last(where: { $0.status == .deprecated }) {
            let replacement = deprecated.entity.replacedBy.map { " (replaced by \($0))" } ?? ""
            throw ErkendError(.ruleViolation, "programme \(code) has no published version: \(code)@\(deprecated.key.version) is deprecated\(replacement); "
                              + "write \(code)@\(deprecated.key.version) to enrol in it all the same")
        }
        throw ErkendError(.ruleViolation, "programme \(code) has only a draft (\(code)@\(newest.key.version)); publish it before enrolling learners")
    }
}
