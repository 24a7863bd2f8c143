import ErkendCore

/// Reads ESCO's relation files: broader relations of both pillars,
/// occupation–skill and skill–skill relations. Concepts they name need not be
/// in the same import (the store checks them against what it holds), so only
/// the shape of each row is checked here.
struct ESCORelationFileReader {
    let file: ESCOFile

    /// Reads every row of a broader-relations file into `builder`; returns the row count.
    /// - Throws: at an invalid URI, an unknown concept type or a concept that is its own broader concept.
    func readBroader(_ csv: CSVReader, into builder: inout ESCOBatchBuilder, progress: inout ProgressReporter) throws -> Int {
        let narrowerColumn = try ESCOHeader.require("conceptUri", in: csv.header, file: file.path)
        let broaderColumn = try ESCOHeader.require("broaderUri", in: csv.header, file: file.path)
        let typeColumns = ["conceptType", "broaderType"].compactMap { csv.header.column(named: $0) }
        var rows = 0
        try csv.forEachRawRecord { record in
            let row = ESCORow(record: record, file: file.path)
            for column in typeColumns {
                _ = try row.requiredValue(column, as: ESCOValuesTables.conceptTypes, what: "an ESCO concept type")
            }
            let narrower = try row.uri(narrowerColumn)
            let broader = try row.uri(broaderColumn)
            guard narrower != broader else {
                throw row.failure(
                    broaderColumn,
                    "\(narrower) is given as its own broader concept. A concept cannot be broader than itself; remove the row.")
            }
            builder.addBroader(BroaderRelation(narrower: narrower, broader: broader), row: row)
            rows += 1
            progress.update(fileOffset: record.endOffset)
        }
        return rows
    }

    /// Reads every row of `occupationSkillRelations.csv` into `builder`; returns the row count.
    /// - Throws: at an invalid URI or relation type, or a contradictory repeat.
    func readOccupationSkills(
        _ csv: CSVReader, into builder: inout ESCOBatchBuilder, progress: inout ProgressReporter
    ) throws -> Int {
        let occupationColumn = try ESCOHeader.require("occupationUri", in: csv.header, file: file.path)
        let relationColumn = try ESCOHeader.require("relationType", in: csv.header, file: file.path)
        let skillColumn = try ESCOHeader.require("skillUri", in: csv.header, file: file.path)
        let skillTypeColumn = csv.header.column(named: "skillType")
        var rows = 0
        try csv.forEachRawRecord { record in
            let row = ESCORow(record: record, file: file.path)
            let relation = OccupationSkillRelation(
                occupation: try row.uri(occupationColumn),
                skill: try row.uri(skillColumn),
                requirement: try row.requiredValue(relationColumn, as: ESCOValuesTables.requirements, what: "an ESCO relation type"))
            _ = try row.value(skillTypeColumn, as: ESCOValuesTables.skillTypes, what: "an ESCO skill type")
            try builder.addOccupationSkill(relation, row: row, column: relationColumn)
            rows += 1
            progress.update(fileOffset: record.endOffset)
        }
        return rows
    }

    /// Reads every row of `skillSkillRelations.csv` into `builder`; returns the row count.
    /// - Throws: at an invalid URI or relation type, a skill related to itself, or a contradictory repeat.
    func readSkillSkills(_ csv: CSVReader, into builder: inout ESCOBatchBuilder, progress: inout ProgressReporter) throws -> Int {
        let skillColumn = try ESCOHeader.require("originalSkillUri", in: csv.header, file: file.path)
        let relationColumn = try ESCOHeader.require("relationType", in: csv.header, file: file.path)
        let relatedColumn = try ESCOHeader.require("relatedSkillUri", in: csv.header, file: file.path)
        let typeColumns = ["originalSkillType", "relatedSkillType"].compactMap { csv.header.column(named: $0) }
        var rows = 0
        try csv.forEachRawRecord { record in
            let row = ESCORow(record: record, file: file.path)
            let relation = SkillSkillRelation(
                skill: try row.uri(skillColumn),
                relatedSkill: try row.uri(relatedColumn),
                requirement: try row.requiredValue(relationColumn, as: ESCOValuesTables.requirements, what: "an ESCO relation type"))
            for column in typeColumns {
                _ = try row.value(column, as: ESCOValuesTables.skillTypes, what: "an ESCO skill type")
            }
            guard relation.skill != relation.relatedSkill else {
                throw row.failure(
                    relatedColumn, "\(relation.skill) is related to itself. A skill cannot rely on itself; remove the row.")
            }
            try builder.addSkillSkill(relation, row: row, column: relationColumn)
            rows += 1
            progress.update(fileOffset: record.endOffset)
        }
        return rows
    }
}
