/// Whether the observations support an entrustment decision at a level, by the
/// EPA's decision rule, and if not, what is short — in words a committee can read.
///
/// Contract of `evaluate`:
/// - Only observations of the EPA's code count; observations of another
///   version of the same EPA count when their level is on this version's scale.
/// - An observation qualifies when its level is at or above the target level
///   by position on the scale (so `3a` < `3b` < `3c` < `4`), it is dated on or
///   before the decision day, and, when the rule has a window of M months, on
///   or after the day M months before the decision day (that edge day counts).
/// - The rule is met when the qualifying observations number at least
///   `minimumObservations` and come from at least `minimumObservers` different
///   observers (by observer kind and id).
/// - Adding observations never turns a met rule into an unmet one.
/// - A target level that is not on the EPA's scale is an `.invalidInput` error.
public struct DecisionRuleEvaluation: Hashable, Sendable, Codable {
    /// A qualifying observation as a committee weighs it: who observed, and how
    /// Erkend established that the signature is the mentor's (`nil`: recorded by
    /// a signed-in staff account, which says who).
    public struct Basis: Hashable, Sendable, Codable {
        public var observation: Observation.ID
        public var date: Day
        public var level: String
        public var observer: String
        public var identityMethod: IdentityMethod?
    }

    /// One way the rule is not met.
    public enum Shortfall: Hashable, Sendable, Codable {
        case observations(have: Int, need: Int)
        case observers(have: Int, need: Int)
    }

    public var epa: ExactReference
    public var level: String
    public var decisionDay: Day
    public var rule: DecisionRule
    /// The first day an observation may be dated to count; `nil` when the rule has no window.
    public var windowStart: Day?
    /// The qualifying observations, oldest first (ties by id).
    public var qualifying: [Observation.ID]
    /// The same observations with their observer and identity method.
    public var evidence: [Basis]
    /// The distinct observers of the qualifying observations, by `Observer.identity`, sorted.
    public var observers: [String]
    public var shortfalls: [Shortfall]

    public var isMet: Bool { shortfalls.isEmpty }
    public var observationCount: Int { qualifying.count }
    public var observerCount: Int { observers.count }

    public static func evaluate(epa: EPA, level: String, observations: [Observation], on decisionDay: Day) throws -> DecisionRuleEvaluation {
        guard let threshold = epa.scale.position(of: level) else {
            throw ErkendError.levelNotOnScale(level, epa: epa, at: "level")
        }
        let rule = epa.decisionRule
        let windowStart = rule.windowMonths.map { decisionDay.adding(months: -$0) }
        let qualifying = observations
            .filter { observation in
                guard observation.epa.code == epa.code,
                      let position = epa.scale.position(of: observation.level), position >= threshold,
                      observation.date <= decisionDay else { return false }
                return windowStart.map { observation.date >= $0 } ?? true
            }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        let observers = Set(qualifying.map(\.observer.identity)).sorted()
        var shortfalls: [Shortfall] = []
        if qualifying.count < rule.minimumObservations {
            shortfalls.append(.observations(have: qualifying.count, need: rule.minimumObservations))
        }
        if observers.count < rule.minimumObservers {
            shortfalls.append(.observers(have: observers.count, need: rule.minimumObservers))
        }
        return DecisionRuleEvaluation(epa: ExactReference(epa), level: level, decisionDay: decisionDay, rule: rule,
                                      windowStart: windowStart, qualifying: qualifying.map(\.id),
                                      evidence: qualifying.map { Basis(observation: $0.id, date: $0.date, level: $0.level, observer: $0.observer.name,
                                                                       identityMethod: $0.identityMethod) },
                                      observers: observers, shortfalls: shortfalls)
    }

    /// The shortfalls in plain words, such as "2 of 3 observations at level 3
    /// or higher in the last 6 months; 1 of 2 different observers". Empty when the rule is met.
    public var reasons: [String] {
        shortfalls.map { shortfall in
            switch shortfall {
            case .observations(let have, let need):
                let period = rule.windowMonths.map { $0 == 1 ? " in the last month" : " in the last \($0) months" } ?? ""
                return "\(have) of \(need) \(need == 1 ? "observation" : "observations") at level \(level) or higher\(period)"
            case .observers(let have, let need):
                return "\(have) of \(need) different \(need == 1 ? "observer" : "observers")"
            }
        }
    }

    /// The reasons joined into one line, or a confirmation when the rule is met.
    public var summary: String {
        if isMet {
            return "met: \(observationCount) \(observationCount == 1 ? "observation" : "observations") at level \(level) or higher by \(observerCount) different \(observerCount == 1 ? "observer" : "observers")"
        }
        return reasons.joined(separator: "; ")
    }
}

extension ErkendError {
    /// A level code the EPA's scale does not have, naming the levels it does.
    static func levelNotOnScale(_ level: String, epa: EPA, at location: String) -> ErkendError {
        let levels = epa.scale.levels.map(\.code).joined(separator: ", ")
        let message = "level '\(level)' is not on the scale of EPA \(epa.code)@\(epa.version); use one of \(levels)"
        return ErkendError(.invalidInput, message, details: [Detail(location: location, message: message)])
    }
}

extension DecisionRuleEvaluation.Shortfall {
    private enum CodingKeys: String, CodingKey { case kind, have, need }

    /// `{"kind": "observations", "have": 2, "need": 3}` or the same with kind `observers`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let have = try container.decode(Int.self, forKey: .have)
        let need = try container.decode(Int.self, forKey: .need)
        switch kind {
        case "observations": self = .observations(have: have, need: need)
        case "observers": self = .observers(have: have, need: need)
        default: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["observations", "observers"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let (kind, have, need) = switch self {
        case .observations(let have, let need): ("observations", have, need)
        case .observers(let have, let need): ("observers", have, need)
        }
        try container.encode(kind, forKey: .kind)
        try container.encode(have, forKey: .have)
        try container.encode(need, forKey: .need)
    }
}
