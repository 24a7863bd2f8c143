/// A scale of entrustment levels for an EPA, from "observes only" to
/// "supervises others". Levels are ordered by their position in `levels`;
/// sub-levels such as `2a`/`2b` or `3a`/`3b`/`3c` sit between the main levels.
public struct EntrustmentScale: Hashable, Sendable, Codable {
    public struct Level: Hashable, Sendable, Codable {
        /// What people write: `1`, `2a`, `3c`, `4`.
        public var code: String
        /// The supervision level (1–5) this level belongs to.
        public var supervision: Int
        public var label: LocalizedText
        public var description: LocalizedText

        public init(code: String, supervision: Int, label: LocalizedText, description: LocalizedText = LocalizedText()) {
            self.code = code
            self.supervision = supervision
            self.label = label
            self.description = description
        }
    }

    public var id: String
    public var title: LocalizedText
    public var levels: [Level]

    public init(id: String, title: LocalizedText, levels: [Level]) {
        self.id = id
        self.title = title
        self.levels = levels
    }

    /// The position of a level on the scale (0 = lowest), or `nil` when the scale has no such level.
    public func position(of code: String) -> Int? {
        levels.firstIndex { $0.code == code }
    }

    public func level(_ code: String) -> Level? {
        levels.first { $0.code == code }
    }

    /// Whether `code` is at or above `threshold` on this scale. Unknown codes are never at or above.
    public func isAtOrAbove(_ code: String, _ threshold: String) -> Bool {
        guard let rank = position(of: code), let thresholdRank = position(of: threshold) else { return false }
        return rank >= thresholdRank
    }

    /// The lowest level of the scale with this supervision level or higher:
    /// "independent practice" is the first level with supervision 4.
    public func firstLevel(withSupervisionAtLeast supervision: Int) -> Level? {
        levels.first { $0.supervision >= supervision }
    }

    public func validate(at location: String) throws {
        guard levels.count >= 2 else { throw ErkendError.invalid(location, "a scale needs at least two levels") }
        var seen = Set<String>()
        var previous = 0
        for (index, level) in levels.enumerated() {
            let here = "\(location).levels[\(index)]"
            guard !level.code.isEmpty, level.code.count <= 8 else { throw ErkendError.invalid("\(here).code", "a level code is 1 to 8 characters, such as 3 or 3b") }
            guard seen.insert(level.code).inserted else { throw ErkendError.invalid("\(here).code", "level \(level.code) appears twice") }
            guard (1...5).contains(level.supervision) else { throw ErkendError.invalid("\(here).supervision", "must be 1 to 5, got \(level.supervision)") }
            guard level.supervision >= previous else {
                throw ErkendError.invalid("\(here).supervision", "levels must be ordered from most to least supervision; \(level.code) comes after a higher level")
            }
            guard !level.label.isEmpty else { throw ErkendError.invalid("\(here).label", "level \(level.code) needs a label") }
            previous = level.supervision
        }
    }

    /// The five supervision levels with Dutch and English labels, after ten Cate and
    /// the student EPA levels of epa-register.nl.
    public static let standard = EntrustmentScale(
        id: "supervision-5",
        title: LocalizedText(nl: "Vijf niveaus van supervisie", en: "Five levels of supervision"),
        levels: [
            Level(code: "1", supervision: 1,
                  label: LocalizedText(nl: "Observeert", en: "Observes only"),
                  description: LocalizedText(nl: "Mag observeren, maar voert de activiteit niet zelf uit.", en: "May observe, does not perform the activity.")),
            Level(code: "2", supervision: 2,
                  label: LocalizedText(nl: "Directe supervisie", en: "Direct supervision"),
                  description: LocalizedText(nl: "Voert uit onder directe supervisie; de begeleider is in dezelfde ruimte.", en: "Performs under direct, proactive supervision; the supervisor is in the room.")),
            Level(code: "3", supervision: 3,
                  label: LocalizedText(nl: "Indirecte supervisie", en: "Indirect supervision"),
                  description: LocalizedText(nl: "Voert uit onder indirecte supervisie; de begeleider is niet aanwezig maar snel beschikbaar.", en: "Performs under indirect, reactive supervision; the supervisor is quickly available.")),
            Level(code: "4", supervision: 4,
                  label: LocalizedText(nl: "Zelfstandig", en: "Unsupervised"),
                  description: LocalizedText(nl: "Voert de activiteit geheel zelfstandig uit.", en: "Performs the activity without supervision.")),
            Level(code: "5", supervision: 5,
                  label: LocalizedText(nl: "Geeft supervisie", en: "Supervises others"),
                  description: LocalizedText(nl: "Geeft supervisie aan anderen bij deze activiteit.", en: "Supervises others in this activity.")),
        ]
    )
}

/// What an entrustment decision at a level needs from the observations: at
/// least `minimumObservations` at or above that level, by at least
/// `minimumObservers` different observers, all within `windowMonths` before the decision.
public struct DecisionRule: Hashable, Sendable, Codable {
    public var minimumObservations: Int
    public var minimumObservers: Int
    /// `nil`: observations of any age count.
    public var windowMonths: Int?

    public init(minimumObservations: Int = 3, minimumObservers: Int = 2, windowMonths: Int? = 6) {
        self.minimumObservations = minimumObservations
        self.minimumObservers = minimumObservers
        self.windowMonths = windowMonths
    }

    public static let standard = DecisionRule()

    public func validate(at location: String) throws {
        guard (1...100).contains(minimumObservations) else {
            throw ErkendError.invalid("\(location).minimumObservations", "must be 1 to 100, got \(minimumObservations)")
        }
        guard (1...100).contains(minimumObservers) else {
            throw ErkendError.invalid("\(location).minimumObservers", "must be 1 to 100, got \(minimumObservers)")
        }
        if let windowMonths, !(1...120).contains(windowMonths) {
            throw ErkendError.invalid("\(location).windowMonths", "must be 1 to 120 months, got \(windowMonths)")
        }
    }
}

extension EntrustmentScale.Level {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        supervision = try container.decode(Int.self, forKey: .supervision)
        label = try container.decode(LocalizedText.self, forKey: .label)
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
    }
}

extension EntrustmentScale {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(LocalizedText.self, forKey: .title) ?? LocalizedText()
        levels = try container.decode([Level].self, forKey: .levels)
    }
}

extension DecisionRule {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = DecisionRule.standard
        minimumObservations = try container.decodeIfPresent(Int.self, forKey: .minimumObservations) ?? standard.minimumObservations
        minimumObservers = try container.decodeIfPresent(Int.self, forKey: .minimumObservers) ?? standard.minimumObservers
        windowMonths = try container.decodeIfPresent(Int.self, forKey: .windowMonths)
    }
}
