/// Something a request wants to do. Every route names one; `AccessPolicy`
/// decides who may. Actions about one learner carry the learner, so that
/// learners and mentors can be limited to their own.
public enum Action: Hashable, Sendable {
    /// The published catalogue, the taxonomy, the API description: everyone.
    case readPublished
    /// Drafts and the validation report of the catalogue.
    case readDrafts
    /// Create, edit, publish, deprecate and import catalogue entries.
    case editCatalogue
    /// See the list of learners (staff; a mentor's list holds only their mentees).
    case listLearners
    /// Enrol and place learners, add mentors, import learners.
    case manageLearners
    /// See across all learners whose entrustments are due for renewal.
    case reviewEntrustments
    /// Read one learner's record and progression.
    case readLearner(Learner.ID)
    /// Record an observation of one learner.
    case recordObservation(Learner.ID)
    /// Ask a mentor to sign off an observation or practice statement for one learner.
    case requestSignoff(Learner.ID)
    /// Take or withdraw an entrustment decision (bekwaamverklaring).
    case decideEntrustment(Learner.ID)
    /// Record a unit result.
    case recordResult(Learner.ID)
    /// Hand in evidence for recognition (EVC).
    case submitEvidence(Learner.ID)
    /// Decide a recognition case.
    case decideRecognition(Learner.ID)
    /// Export all of one learner's data (AVG/GDPR right of access).
    case exportPersonalData(Learner.ID)
    /// Erase or pseudonymise one learner's personal data.
    case erasePersonalData(Learner.ID)
    /// Give or withdraw the learner's consent to share.
    case manageConsent(Learner.ID)
    /// Read throughput and reuse metrics.
    case readMetrics
    /// Read and verify the audit log.
    case readAudit
    /// Create accounts, change roles, disable accounts.
    case manageAccounts
    /// Look at or change one's own account (password, API tokens, open sign-off requests).
    case manageOwnAccount
    /// Use a sign-off link; the link itself is the credential.
    case useSignoffLink
    /// Revoke one of the learner's awards, so every credential of it stops verifying.
    case revokeAward(Learner.ID)
    /// Take one of one's own awards as a credential (a file, or into a wallet through OpenID4VCI):
    /// this marks the award collected, so only the learner does it.
    case collectAward(Learner.ID)

    /// Every action, those about a learner about `learner`.
    public static func all(about learner: Learner.ID) -> [Action] {
        [.readPublished, .readDrafts, .editCatalogue, .listLearners, .manageLearners, .reviewEntrustments,
         .readLearner(learner), .recordObservation(learner), .requestSignoff(learner), .decideEntrustment(learner),
         .recordResult(learner), .submitEvidence(learner), .decideRecognition(learner), .exportPersonalData(learner),
         .erasePersonalData(learner), .manageConsent(learner), .readMetrics, .readAudit, .manageAccounts, .manageOwnAccount,
         .useSignoffLink, .revokeAward(learner), .collectAward(learner)]
    }

    /// The learner the action is about, if it is about one.
    public var learner: Learner.ID? {
        switch self {
        case .readLearner(let id), .recordObservation(let id), .requestSignoff(let id), .decideEntrustment(let id),
             .recordResult(let id), .submitEvidence(let id), .decideRecognition(let id), .exportPersonalData(let id),
             .erasePersonalData(let id), .manageConsent(let id), .revokeAward(let id),
             .collectAward(let id):
            id
        default:
            nil
        }
    }

    /// A name for tables and logs, without the learner: `readLearner`.
    public var name: String {
        String(describing: self).split(separator: "(").first.map(String.init) ?? String(describing: self)
    }
}
