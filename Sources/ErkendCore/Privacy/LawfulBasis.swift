/// The grounds of the AVG/GDPR (article 6) on which personal data is processed.
public enum LawfulBasis: String, Sendable, Codable, CaseIterable {
    /// Needed to comply with a law (WEB, WHW: enrolment, examination).
    case legalObligation = "legal-obligation"
    /// Needed for a task in the public interest: the institution's education.
    case publicTask = "public-task"
    /// Needed for a contract with the person (the practice agreement, an account).
    case contract
    /// The person agreed, and may withdraw the agreement.
    case consent
    /// A legitimate interest that does not override the person's rights.
    case legitimateInterest = "legitimate-interest"
}

/// What Erkend keeps about people, why, on which ground, and for how long.
public struct ProcessingRecord: Hashable, Sendable, Codable {
    /// The kind of record, as named in exports: `observation`, `entrustmentDecision`…
    public var record: String
    public var purpose: String
    public var basis: LawfulBasis
    public var retention: String

    /// The register of processing: one entry per kind of personal record Erkend keeps.
    public static let register: [ProcessingRecord] = [
        ProcessingRecord(record: "learner", purpose: "Identify the learner whose progression is recorded.", basis: .publicTask,
                         retention: "As long as the learner is enrolled, then as the examination records require."),
        ProcessingRecord(record: "enrolment", purpose: "Record which programme the learner follows (WEB/WHW).", basis: .legalObligation,
                         retention: "As the law on student registration requires."),
        ProcessingRecord(record: "placement", purpose: "Record the workplace (BPV, stage) and mentors under the practice agreement.", basis: .contract,
                         retention: "For the duration of the programme."),
        ProcessingRecord(record: "mentor", purpose: "Let workplace mentors sign off and be recognised as observers.", basis: .legitimateInterest,
                         retention: "As long as they mentor learners of the institution."),
        ProcessingRecord(record: "observation", purpose: "Show the learner's growing independence in professional activities.", basis: .publicTask,
                         retention: "For the duration of the programme; decisions keep their basis."),
        ProcessingRecord(record: "signoffRequest", purpose: "Let a mentor sign off without an account, once.", basis: .publicTask,
                         retention: "Until used or expired, then with the observation it produced."),
        ProcessingRecord(record: "entrustmentDecision", purpose: "Record the committee's decision (bekwaamverklaring).", basis: .legalObligation,
                         retention: "As examination records require."),
        ProcessingRecord(record: "unitResult", purpose: "Record completed and recognised units.", basis: .legalObligation,
                         retention: "As examination records require."),
        ProcessingRecord(record: "practiceStatement", purpose: "Record what the learner did at the workplace.", basis: .publicTask,
                         retention: "For the duration of the programme."),
        ProcessingRecord(record: "recognitionCase", purpose: "Decide recognition of prior learning (EVC) at the learner's request.", basis: .consent,
                         retention: "As examination records require for the decision; evidence until the decision is final."),
        ProcessingRecord(record: "evidence", purpose: "Let an assessor judge prior learning the learner handed in.", basis: .consent,
                         retention: "Until the recognition decision is final; erased on request."),
        ProcessingRecord(record: "consent", purpose: "Remember what the learner agreed to share.", basis: .legalObligation,
                         retention: "As long as the consent matters, to show it was given."),
        ProcessingRecord(record: "account", purpose: "Let people sign in.", basis: .contract,
                         retention: "As long as the person works or learns with the institution."),
        ProcessingRecord(record: "accessLog", purpose: "Show the learner who looked at or received their data (AVG art. 15).", basis: .legalObligation,
                         retention: "Two years."),
        ProcessingRecord(record: "auditLog", purpose: "Prove who signed and decided what, tamper-evidently.", basis: .legalObligation,
                         retention: "As examination records require; holds identifiers only."),
    ]
}
