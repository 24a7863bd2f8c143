import ErkendTestSupport
import Foundation

/// A folder of ESCO files large enough that killing its import can land in
/// the middle of the write: the full ESCO release in `../shared` when this
/// checkout has it beside it, otherwise 20,000 generated skills.
enum LargeESCOFolder {
    static func locate(or directory: TemporaryDirectory) throws -> String {
        let full = RepositoryRoot.path("../shared/data/esco/full-v1.1.1").standardizedFileURL
        if FileManager.default.fileExists(atPath: full.appendingPathComponent("skills_en.csv").path) {
            return full.path
        }
        var csv = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
        csv.reserveCapacity(20_000 * 320)
        for index in 0..<20_000 {
            let uuid = String(format: "%08x-0000-4000-8000-%012x", index, index * 7919)
            csv += "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/\(uuid),skill/competence,sector-specific,"
            csv += "generated skill \(index),\"alt \(index)\ngenerated alternative \(index)\","
            csv += "\"A generated skill for testing what a killed import leaves behind; number \(index), with some words to make the row the size of a real one.\"\n"
        }
        try directory.write("generated-esco/skills_en.csv", csv)
        return directory.path("generated-esco")
    }
}
