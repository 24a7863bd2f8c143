/// The actions Erkend writes to the audit log, as the dotted names stored in
/// `AuditRecord.action`. Names are stable once written: a log is read years later.
public enum AuditAction {
    public static let learnerCreated = "learner.created"
    public static let learnerUpdated = "learner.updated"
    public static let learnersImported = "learners.imported"
    /// A published catalogue version was deprecated (target: `kind code@version`; details: `replacedBy`).
    public static let catalogueDeprecated = "catalogue.deprecated"
    public static let learnerErased = "learner.erased"
    public static let personalDataExported = "personalData.exported"
    public static let enrolmentCreated = "enrolment.created"
    public static let mentorCreated = "mentor.created"
    public static let placementCreated = "placement.created"
    public static let observationRecorded = "observation.recorded"
    public static let signoffRequested = "signoff.requested"
    public static let signoffSigned = "signoff.signed"
    public static let signoffDeclined = "signoff.declined"
    public static let decisionRecorded = "decision.recorded"
    public static let decisionWithdrawn = "decision.withdrawn"
    public static let resultRecorded = "result.recorded"
    public static let statementRequested = "statement.requested"
    public static let recognitionOpened = "recognition.opened"
    public static let recognitionDecided = "recognition.decided"
    public static let progressionGenerated = "progression.generated"
}

/// The audit actions of account administration: who may sign in, and with what.
extension AuditAction {
    public static let accountCreated = "account.created"
    public static let accountUpdated = "account.updated"
    public static let accountRolesChanged = "account.rolesChanged"
    public static let accountDisabled = "account.disabled"
    public static let accountEnabled = "account.enabled"
    public static let passwordChanged = "account.passwordChanged"
    public static let passwordReset = "account.passwordReset"
    public static let passwordRehashed = "account.passwordRehashed"
    public static let signInFailed = "account.signInFailed"
    public static let signInThrottled = "account.signInThrottled"
    public static let tokenCreated = "token.created"
    public static let tokenRevoked = "token.revoked"
}
