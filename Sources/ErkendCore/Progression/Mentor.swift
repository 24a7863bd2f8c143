/// A workplace mentor (praktijkopleider, werkbegeleider): signs off
/// observations and practice statements, usually without an institutional account.
public struct Mentor: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Mentor>

    public var id: ID
    public var name: String
    /// The workplace (leerbedrijf) the mentor works for.
    public var organisation: String
    public var email: String?
    public var phone: String?

    public init(id: ID, name: String, organisation: String, email: String? = nil, phone: String? = nil) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.email = email
        self.phone = phone
    }
}
