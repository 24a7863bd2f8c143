public import Foundation

/// A request to a workplace mentor to sign off one observation of an EPA, or
/// a practice statement, through a single-use link. The link carries a random
/// token; Erkend keeps only the token's SHA-256, so a copy of the database
/// cannot be used to sign.
public struct SignoffRequest: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<SignoffRequest>

    /// What the mentor is asked to sign.
    public enum Purpose: Hashable, Sendable, Codable {
        /// An observation of this EPA version.
        case observation(epa: ExactReference)
        /// This practice statement, which must be stored with status `.requested`.
        case practiceStatement(PracticeStatement.ID)
    }

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case open, signed, declined
        /// Past `expiresAt` without being used; see `status(at:)`.
        case expired
        /// Taken back before it was used, because the learner's record was erased: the
        /// link can no longer be viewed, signed or declined. Not the mentor's doing, so
        /// it is not counted as a link that ran out.
        case withdrawn
    }

    /// How long a link is valid unless the caller chooses otherwise: 14 days.
    public static let defaultLifetime: TimeInterval = 14 * 24 * 60 * 60

    /// The shortest token a repository accepts: a link must not be guessable.
    public static let minimumTokenLength = 32

    public var id: ID
    public var purpose: Purpose
    public var learner: Learner.ID
    public var mentor: Mentor.ID
    /// The identifier (an account id) of whoever asked for the sign-off.
    public var requestedBy: String
    public var createdAt: Date
    /// The first instant the link no longer works.
    public var expiresAt: Date
    /// As stored. An open request past its expiry stays `.open` until someone
    /// tries to use it; `status(at:)` tells the status at a given time.
    public var status: Status
    /// When the link was used to sign or decline.
    public var usedAt: Date?
    /// The id of the record the sign-off produced: the observation, or the practice statement.
    public var resultingRecord: String?
    /// The mentor's reason for declining, in their words.
    public var declineReason: String?
    /// Signed on the spot from the learner's screen (`OnTheSpotConfirmation`): a signature
    /// counts only once the mentor confirms it with the mailed code, or signs in with their account.
    public var onTheSpot: Bool
    /// Since when a signature made on the spot waits for the mentor's code; `nil` when none waits.
    public var heldSince: Date?

    public init(id: ID, purpose: Purpose, learner: Learner.ID, mentor: Mentor.ID, requestedBy: String, createdAt: Date,
                expiresAt: Date, status: Status = .open, usedAt: Date? = nil, resultingRecord: String? = nil, declineReason: String? = nil,
                onTheSpot: Bool = false, heldSince: Date? = nil) {
        self.id = id
        self.purpose = purpose
        self.learner = learner
        self.mentor = mentor
        self.requestedBy = requestedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
        self.usedAt = usedAt
        self.resultingRecord = resultingRecord
        self.declineReason = declineReason
        self.onTheSpot = onTheSpot
        self.heldSince = heldSince
    }

    /// The status at `date`: `.expired` for a request still open at or after `expiresAt`.
    public func status(at date: Date) -> Status {
        status == .open && date >= expiresAt ? .expired : status
    }

    /// Whether the link can still be used at `date`.
    public func isUsable(at date: Date) -> Bool { status(at: date) == .open }
}

extension SignoffRequest.Purpose {
    private enum CodingKeys: String, CodingKey { case kind, epa, practiceStatement }

    /// `{"kind": "observation", "epa": "EPA-1@2"}` or `{"kind": "practiceStatement", "practiceStatement": "PS-1"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "observation": self = .observation(epa: try container.decode(ExactReference.self, forKey: .epa))
        case "practiceStatement": self = .practiceStatement(try container.decode(PracticeStatement.ID.self, forKey: .practiceStatement))
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["observation", "practiceStatement"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .observation(let epa):
            try container.encode("observation", forKey: .kind)
            try container.encode(epa, forKey: .epa)
        case .practiceStatement(let id):
            try container.encode("practiceStatement", forKey: .kind)
            try container.encode(id, forKey: .practiceStatement)
        }
    }
}
