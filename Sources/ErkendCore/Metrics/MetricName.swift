/// The metrics Erkend reports, by the name the API and the command line use
/// (`time-to-entrustment`). Docs/metrics.md defines each one precisely.
public enum MetricName: String, Sendable, Codable, CaseIterable, Hashable {
    case timeToEntrustment = "time-to-entrustment"
    case phaseFlow = "phase-flow"
    case creditVelocity = "credit-velocity"
    case workplaceShare = "workplace-share"
    case mentorResponse = "mentor-response"
    case currency = "currency"
    case unitReuse = "unit-reuse"
    case programmeReuse = "programme-reuse"
    case outcomeReuse = "outcome-reuse"
    case skillReuse = "skill-reuse"
    case recognition = "recognition"
    case stacking = "stacking"
    case awards = "awards"
    case credentialUse = "credential-use"

    /// One line saying what the metric shows.
    public var summary: String {
        switch self {
        case .timeToEntrustment: "Days from enrolment to the first entrustment decision per EPA and supervision level (Kaplan–Meier median and quartiles)."
        case .phaseFlow: "Learners entering, leaving and dropping out of each phase; those without recorded progress for N days."
        case .creditVelocity: "Credits (ECTS or SBU) earned or recognised per learner per month of enrolment."
        case .workplaceShare: "The share of evidence that comes from the workplace rather than from school assessments."
        case .mentorResponse: "Days from sign-off request to signature; the share declined or expired."
        case .currency: "The share of active entrustments and of held skills whose currency has fallen below the renewal threshold."
        case .unitReuse: "How many programmes use each unit."
        case .programmeReuse: "Per programme, the share of its units it shares with other programmes."
        case .outcomeReuse: "Learning outcomes used by more than one unit."
        case .skillReuse: "ESCO skills covered by more than one programme."
        case .recognition: "Units credited through recognition, credits recognised and external credentials accepted."
        case .stacking: "Units that count toward a larger award, and how many learners stack them."
        case .awards: "A plain count of awards per kind (never the headline)."
        case .credentialUse: "Verifications of credentials and fetches of status lists per day, counted without recording who."
        }
    }

    /// Whether the metric counts learners, so that small groups are suppressed.
    public var countsLearners: Bool {
        switch self {
        case .unitReuse, .programmeReuse, .outcomeReuse, .skillReuse, .credentialUse: false
        default: true
        }
    }
}
