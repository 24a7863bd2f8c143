import ErkendCore
import ErkendInterop
import ErkendTestSupport
import Foundation

/// Small learner files written to a temporary folder and read back, as the
/// command line reads them.
enum LearnerCSVFixture {
    static let header = "studentnummer,naam,email,geboortedatum,opleiding,cohort,startdatum,"
        + "leerbedrijf,afdeling,soort,bpv_start,bpv_eind,praktijkopleider,praktijkopleider_email,praktijkopleider_telefoon"

    /// A complete, valid row of `header`.
    static func row(_ number: String = "900001", name: String = "Els Proef", programme: String = "SD-25604",
                    birth: String = "2008-01-15", workplace: String = "Pixelpolder Software B.V.", kind: String = "bpv",
                    start: String = "2026-02-02", end: String = "2026-06-26") -> String {
        "\(number),\(name),\(number)@student.example,\(birth),\(programme),2025-2026,2025-09-01,"
            + "\(workplace),Team Webshop,\(kind),\(start),\(end),Karin Sleutelaar,karin@pixelpolder.example,+31 6 0000 0101"
    }

    /// The two demo programmes at version 1; anything else refused with the resolver's own words.
    static func resolve(_ text: String) throws -> ExactReference {
        let reference = try EntityReference(parsing: text)
        guard ["SD-25604", "VP-N4-2026"].contains(reference.code) else {
            throw ErkendError(.notFound, "programme \(reference.code) is not in the catalogue; check the code, or import the catalogue first")
        }
        return ExactReference(reference.code, version: reference.version ?? 1)
    }

    /// The shipped demo catalogue's programmes.
    static func demoResolver() throws -> ProgrammeResolver {
        ProgrammeResolver(versions: try CatalogueBundle.read(from: RepositoryRoot.path("Catalogs/demo")).entities)
    }

    /// Writes `bytes` as `name` in a fresh folder and reads the rows.
    static func read(bytes: [UInt8], name: String = "learners.csv") throws -> [LearnerImportRow] {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return try LearnerCSV(contentsOf: file).rows(resolveProgramme: resolve)
    }

    static func read(_ text: String, name: String = "learners.csv") throws -> [LearnerImportRow] {
        try read(bytes: Array(text.utf8), name: name)
    }

    /// The error reading `text` throws, or `nil` when it reads.
    static func failure(_ text: String, name: String = "bad.csv") -> ErkendError? {
        failure(bytes: Array(text.utf8), name: name)
    }

    static func failure(bytes: [UInt8], name: String = "bad.csv") -> ErkendError? {
        do {
            _ = try read(bytes: bytes, name: name)
            return nil
        } catch {
            return error as? ErkendError
        }
    }
}
