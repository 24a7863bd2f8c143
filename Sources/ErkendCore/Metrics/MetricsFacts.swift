/// The records metrics are computed from, as the store hands them over:
/// plain values, already narrowed by the filter's programme, cohort and
/// workplace. The rules that turn them into numbers are in the core.
public enum MetricsFacts {
    /// One enrolment of a learner in a programme version.
    public struct Enrolment: Hashable, Sendable {
        public var id: String
        public var learner: String
        public var programme: ExactReference
        public var cohort: String
        public var start: Day
        public var status: ErkendCore.Enrolment.Status
        public var end: Day?

        public init(id: String, learner: String, programme: ExactReference, cohort: String, start: Day,
                    status: ErkendCore.Enrolment.Status = .active, end: Day? = nil) {
            self.id = id
            self.learner = learner
            self.programme = programme
            self.cohort = cohort
            self.start = start
            self.status = status
            self.end = end
        }

        /// The last day the enrolment counts on the way: its end when it has ended, else `asOf`.
        public func lastDay(asOf: Day) -> Day {
            guard let end, end < asOf else { return asOf }
            return end
        }
    }

    /// The first and last observation of one EPA in one enrolment.
    public struct ObservationSpan: Hashable, Sendable {
        public var enrolment: String
        public var epa: String
        public var first: Day
        public var last: Day

        public init(enrolment: String, epa: String, first: Day, last: Day) {
            self.enrolment = enrolment
            self.epa = epa
            self.first = first
            self.last = last
        }
    }

    /// An entrustment decision, withdrawn or not.
    public struct Decision: Hashable, Sendable {
        public var enrolment: String
        public var epa: String
        public var level: String
        public var decidedOn: Day
        public var withdrawnOn: Day?
        public var validUntil: Day?

        public init(enrolment: String, epa: String, level: String, decidedOn: Day, withdrawnOn: Day? = nil, validUntil: Day? = nil) {
            self.enrolment = enrolment
            self.epa = epa
            self.level = level
            self.decidedOn = decidedOn
            self.withdrawnOn = withdrawnOn
            self.validUntil = validUntil
        }
    }

    /// A unit result.
    public struct Result: Hashable, Sendable {
        public var learner: String
        public var enrolment: String?
        public var unit: ExactReference
        public var passed: Bool
        public var achievedOn: Day
        public var recognised: Bool

        public init(learner: String, enrolment: String?, unit: ExactReference, passed: Bool = true, achievedOn: Day, recognised: Bool = false) {
            self.learner = learner
            self.enrolment = enrolment
            self.unit = unit
            self.passed = passed
            self.achievedOn = achievedOn
            self.recognised = recognised
        }
    }

    /// Where a piece of evidence came from.
    public enum EvidenceSource: String, Hashable, Sendable, CaseIterable {
        /// An observation signed by a workplace mentor.
        case mentorObservation
        /// A signed practice statement (praktijkverklaring).
        case practiceStatement
        /// An observation recorded by staff.
        case staffObservation
        /// A unit completed at school (not recognised).
        case schoolResult

        public var isWorkplace: Bool { self == .mentorObservation || self == .practiceStatement }
    }

    /// Evidence of one source for one programme in the period, counted in the store.
    public struct EvidenceCount: Hashable, Sendable {
        public var programme: String
        public var source: EvidenceSource
        public var records: Int
        public var learners: Int

        public init(programme: String, source: EvidenceSource, records: Int, learners: Int) {
            self.programme = programme
            self.source = source
            self.records = records
            self.learners = learners
        }
    }

    /// A sign-off request sent to a workplace mentor.
    public struct SignoffRequest: Hashable, Sendable {
        /// As `ErkendCore.SignoffRequest.Status`; `withdrawn` when the learner's record was erased before the link was used.
        public enum Status: String, Hashable, Sendable { case open, signed, declined, expired, withdrawn }
        public var learner: String
        public var organisation: String
        public var requestedOn: Day
        public var status: Status
        /// When the mentor signed or declined.
        public var answeredOn: Day?
        /// The last day the link works; an open request past it counts as expired.
        public var expiresOn: Day?

        public init(learner: String, organisation: String, requestedOn: Day, status: Status, answeredOn: Day? = nil, expiresOn: Day? = nil) {
            self.learner = learner
            self.organisation = organisation
            self.requestedOn = requestedOn
            self.status = status
            self.answeredOn = answeredOn
            self.expiresOn = expiresOn
        }

        /// The status on `day`: an open request whose link has run out by then is expired.
        public func status(on day: Day) -> Status {
            if status == .open, let expiresOn, expiresOn < day { return .expired }
            return status
        }
    }

    /// A decided recognition case (EVC).
    public struct RecognitionCase: Hashable, Sendable {
        public enum Result: String, Hashable, Sendable { case full, partial, refused }
        public var learner: String
        public var programme: String?
        public var decidedOn: Day
        public var result: Result
        /// External credentials (Open Badges) among its evidence.
        public var externalCredentials: Int

        public init(learner: String, programme: String?, decidedOn: Day, result: Result, externalCredentials: Int) {
            self.learner = learner
            self.programme = programme
            self.decidedOn = decidedOn
            self.result = result
            self.externalCredentials = externalCredentials
        }
    }

    /// Awards of one kind and status, counted in the store.
    public struct AwardCount: Hashable, Sendable {
        public var kind: String
        public var status: String
        public var awards: Int
        public var learners: Int

        public init(kind: String, status: String, awards: Int, learners: Int) {
            self.kind = kind
            self.status = status
            self.awards = awards
            self.learners = learners
        }
    }
}

/// What the store supplies for metrics; one call per kind of record. Every
/// call applies the filter's programme, cohort and workplace through the
/// enrolment; the metric rules in the core apply the period and the EPA.
public protocol MetricsRepository: Sendable {
    func enrolments(_ filter: MetricsFilter) async throws -> [MetricsFacts.Enrolment]
    /// First and last observation per enrolment and EPA (a pre-aggregate kept on every write).
    func observationSpans(_ filter: MetricsFilter) async throws -> [MetricsFacts.ObservationSpan]
    func decisions(_ filter: MetricsFilter) async throws -> [MetricsFacts.Decision]
    func results(_ filter: MetricsFilter) async throws -> [MetricsFacts.Result]
    /// Evidence per programme and source, dated in the period.
    func evidenceCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.EvidenceCount]
    func signoffRequests(_ filter: MetricsFilter) async throws -> [MetricsFacts.SignoffRequest]
    func recognitionCases(_ filter: MetricsFilter) async throws -> [MetricsFacts.RecognitionCase]
    /// Awards per kind and status, issued in the period.
    func awardCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.AwardCount]
    /// Adds counts to the stored per-day credential-use tally, all in one transaction.
    func recordCredentialUse(_ counts: [CredentialUse.Count]) async throws
    /// The stored credential-use counts for days in the filter's period.
    func credentialUse(_ filter: MetricsFilter) async throws -> [CredentialUse.Count]
}
