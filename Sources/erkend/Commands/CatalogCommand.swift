import ArgumentParser
import ErkendCore
import ErkendInterop
import Foundation

/// `erkend catalog …`: the catalogue as files, and its validation.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import, export and validate the catalogue of outcomes, units, EPAs and programmes.",
        discussion: "The file format (a folder of YAML files, one per version) is described in Docs/catalogue-format.md.",
        subcommands: [CatalogImportCommand.self, CatalogExportCommand.self, CatalogValidateCommand.self]
    )
}

struct CatalogImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a catalogue folder: new versions are added, drafts updated, published versions checked unchanged.",
        discussion: """
        All of it is imported or none of it: any problem in any file stops the import, and every problem
        is listed with its file and line.
        Example: erkend catalog import Catalogs/demo
        """
    )

    @Argument(help: ArgumentHelp("The catalogue folder (with outcomes/, units/, epas/, programmes/).", valueName: "dir"))
    var folder: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let services = try await CatalogueServices(database)
        let plan = try await reportingErrors { try await services.importBundle(from: URL(fileURLWithPath: folder)) }
        CatalogueServices.printSummary(plan)
    }
}

struct CatalogExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole catalogue to a folder of YAML files (one per version), for review and version control.",
        discussion: "Export, import and export again gives identical files.\nExample: erkend catalog export my-catalogue"
    )

    @Argument(help: ArgumentHelp("The folder to write (created if missing; stale entity files in it are removed).", valueName: "dir"))
    var folder: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let services = try await CatalogueServices(database)
        let count = try await reportingErrors {
            let entities = try await services.catalogue.repository.all()
            let metadata = try await services.catalogue.repository.catalogueDescription().map(CatalogueBundleMetadata.init) ?? .undescribed
            try CatalogueBundle.write(entities, metadata: metadata, to: URL(fileURLWithPath: folder))
            return entities.count
        }
        print("wrote \(count) versions to \(folder)")
    }
}

struct CatalogValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the catalogue: dangling references, prerequisite cycles, units without outcomes, credits that do not add up…",
        discussion: "Exits with status 1 when there are errors (warnings alone exit 0).\nExample: erkend catalog validate --json"
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let services = try await CatalogueServices(database)
        let report = try await reportingErrors { try await services.catalogue.validate() }
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(report), as: UTF8.self))
        } else if report.findings.isEmpty {
            print("the catalogue is valid: no findings")
        } else {
            for finding in report.findings {
                print("\(finding.severity.rawValue): \(finding.entity) \(finding.path): \(finding.message)")
                print("    fix: \(finding.fix)")
            }
            print("\(report.errors.count) errors, \(report.warnings.count) warnings")
        }
        if report.hasErrors { throw ExitCode(1) }
    }
}

/// The catalogue service on the database the options name, and the steps the commands share.
struct CatalogueServices {
    let store: ErkendStorage
    let catalogue: CatalogueService

    init(_ options: DatabaseOptions) async throws {
        store = try await options.openStorage()
        catalogue = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: { Date() })
    }

    init(store: ErkendStorage) {
        self.store = store
        catalogue = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: { Date() })
    }

    func importBundle(from folder: URL) async throws -> CatalogueImportPlan {
        let contents = try CatalogueBundle.read(from: folder)
        let context = try await catalogue.importContext(for: contents.entities)
        let plan = try contents.importPlan(existing: context.existing, knownSkills: context.knownSkills, obsoleteSkills: context.obsoleteSkills)
        try await catalogue.apply(plan)
        return plan
    }

    static func printSummary(_ plan: CatalogueImportPlan) {
        for kind in CatalogueKind.allCases {
            let counts = plan.summary[kind]
            print("\(kind.plural): \(counts.added) added, \(counts.updated) updated, \(counts.unchanged) unchanged")
        }
        for finding in plan.report.findings {
            print("  \(finding.severity.rawValue): \(finding.entity) \(finding.path): \(finding.message)")
        }
    }
}
