import ErkendCore
import Foundation
import Hummingbird

/// The catalogue as a whole: validation, export and import.
struct CatalogueAdminController: Sendable {
    typealias Context = ErkendRequestContext
    let service: CatalogueService

    func addRoutes(to router: GuardedRouter) {
        router.get("api/v1/catalog/validation", .action(.readDrafts), use: validation)
        router.get("api/v1/catalog/export", .action(.readDrafts), use: export)
        router.post("api/v1/catalog/import", .action(.editCatalogue), use: importEntities)
    }

    /// Every version of every entity, by kind.
    struct Export: Codable {
        var catalogue: CatalogueDescription?
        var outcomes: [LearningOutcome] = []
        var units: [LearningUnit] = []
        var epas: [EPA] = []
        var programmes: [Programme] = []

        init(_ entities: [AnyCatalogueEntity], catalogue: CatalogueDescription?) {
            self.catalogue = catalogue
            for entity in entities {
                switch entity {
                case .outcome(let value): outcomes.append(value)
                case .unit(let value): units.append(value)
                case .epa(let value): epas.append(value)
                case .programme(let value): programmes.append(value)
                }
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            catalogue = try container.decodeIfPresent(CatalogueDescription.self, forKey: .catalogue)
            outcomes = try container.decodeIfPresent([LearningOutcome].self, forKey: .outcomes) ?? []
            units = try container.decodeIfPresent([LearningUnit].self, forKey: .units) ?? []
            epas = try container.decodeIfPresent([EPA].self, forKey: .epas) ?? []
            programmes = try container.decodeIfPresent([Programme].self, forKey: .programmes) ?? []
        }

        var entities: [AnyCatalogueEntity] {
            outcomes.map(AnyCatalogueEntity.outcome) + units.map(AnyCatalogueEntity.unit)
                + epas.map(AnyCatalogueEntity.epa) + programmes.map(AnyCatalogueEntity.programme)
        }
    }

    struct ImportResult: Encodable {
        var summary: CatalogueImportSummary
        var report: ValidationReport
    }

    @Sendable func validation(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.validate())
    }

    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(Export(try await service.repository.all(), catalogue: try await service.repository.catalogueDescription()))
    }

    @Sendable func importEntities(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(Export.self, from: request, context: context)
        let plan = try await service.importEntities(input.entities, description: input.catalogue)
        return try JSONIO.response(ImportResult(summary: plan.summary, report: plan.report))
    }
}
