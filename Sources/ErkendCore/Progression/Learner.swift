/// A person who learns: a student, a deelnemer, a lifelong learner. Only what
/// progression needs; contact details live here because mentors and staff write to them.
public struct Learner: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Learner>

    public var id: ID
    public var name: String
    /// The institution's student number, where the learner has one.
    public var studentNumber: String?
    public var email: String?
    public var dateOfBirth: Day?

    public init(id: ID, name: String, studentNumber: String? = nil, email: String? = nil, dateOfBirth: Day? = nil) {
        self.id = id
        self.name = name
        self.studentNumber = studentNumber
        self.email = email
        self.dateOfBirth = dateOfBirth
    }
}
