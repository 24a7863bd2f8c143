extension ValidationRun {
    mutating func checkOutcome(_ outcome: LearningOutcome) {
        if outcome.alignments.isEmpty {
            report(.outcomeWithoutSkill, outcome.key, at: "alignments",
                   "learning outcome \(outcome.code)@\(outcome.version) is aligned to no skill, so it cannot be found by skill or compared across programmes",
                   fix: "Align it to one to three skills of the taxonomy \(ValidationRun.change(outcome)).")
        }
        checkSkills(outcome.alignments, of: outcome, at: "alignments")
    }

    /// Every aligned skill must be in the taxonomy, and should not be obsolete there.
    mutating func checkSkills(_ alignments: [SkillAlignment], of entity: some CatalogueEntity, at field: String) {
        for (index, alignment) in alignments.enumerated() {
            let path = "\(field)[\(index)]"
            if obsoleteSkills.contains(alignment.skill) {
                report(.obsoleteSkill, entity.key, at: path,
                       "is aligned to skill \(alignment.skill), which the taxonomy marks obsolete",
                       fix: "Align to the skill that succeeds it in the taxonomy \(ValidationRun.change(entity)).")
            } else if !knownSkills.contains(alignment.skill) {
                report(.unknownSkill, entity.key, at: path,
                       "is aligned to skill \(alignment.skill), which is not in the taxonomy",
                       fix: "Import the taxonomy release that has this skill, or correct the URI \(ValidationRun.change(entity)).")
            }
        }
    }
}
