/// The one error type of Erkend's core. It carries what a person needs to fix
/// the problem: a stable code (which the edges map to an HTTP status or an exit
/// status), a message in plain words, where the problem is, and the cause.
public struct ErkendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An evolvable set of error kinds; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input is malformed or breaks a rule about its shape (bad enum value, missing field).
        public static let invalidInput = Code("invalid-input")
        /// The thing asked for does not exist.
        public static let notFound = Code("not-found")
        /// The request is well formed but conflicts with current state (duplicate code, published version edited).
        public static let conflict = Code("conflict")
        /// A domain rule refuses the change (decision rule not met, reference to a draft).
        public static let ruleViolation = Code("rule-violation")
        /// A file to import could not be read or parsed.
        public static let importFailed = Code("import-failed")
        /// Authentication is missing or wrong.
        public static let unauthenticated = Code("unauthenticated")
        /// Authenticated, but not allowed.
        public static let forbidden = Code("forbidden")
        /// A limit was hit (size, rate, work).
        public static let limitExceeded = Code("limit-exceeded")
        /// The request body is larger than the route accepts.
        public static let tooLarge = Code("too-large")
        /// The request body is not of a media type the route accepts.
        public static let unsupportedMediaType = Code("unsupported-media-type")
        /// Storage failed in a way the caller cannot fix.
        public static let storage = Code("storage")
        /// Storage cannot take writes for now (the disk is full or read-only): the request may
        /// succeed later, once an operator has fixed the cause. HTTP 503.
        public static let unavailable = Code("unavailable")
    }

    /// One specific problem inside a larger failure (a field, a line of a file).
    public struct Detail: Sendable, Equatable, Codable {
        /// Where: a JSON pointer, a `file:line`, an entity reference.
        public var location: String
        public var message: String
        /// What kind of problem this is, for a page to say it in the reader's language
        /// (`message` stays the English words); `values` fill the translation's blanks.
        public var code: String?
        public var values: [String: String]?
        public init(location: String, message: String, code: String? = nil, values: [String: String]? = nil) {
            self.location = location
            self.message = message
            self.code = code
            self.values = values
        }
    }

    public var code: Code
    public var message: String
    public var details: [Detail]
    /// A lower-level description of the cause, for logs; never shown as the message.
    public var cause: String?
    /// For limits that pass: how many seconds to wait before trying again (HTTP's Retry-After).
    public var retryAfter: Int?

    public init(_ code: Code, _ message: String, details: [Detail] = [], cause: String? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.cause = cause
        self.retryAfter = retryAfter
    }

    public var description: String {
        // Details the message already says add nothing but noise.
        guard !details.isEmpty, !details.allSatisfy({ message.contains($0.message) }) else { return message }
        let shown = details.prefix(5).map { "\($0.location): \($0.message)" }.joined(separator: "; ")
        let more = details.count > 5 ? " (and \(details.count - 5) more)" : ""
        return "\(message) — \(shown)\(more)"
    }

    public static func notFound(_ what: String) -> ErkendError {
        ErkendError(.notFound, "\(what) does not exist")
    }

    public static func invalid(_ location: String, _ message: String) -> ErkendError {
        ErkendError(.invalidInput, "\(location): \(message)", details: [Detail(location: location, message: message)])
    }
}
