/// Who did something the audit log records, as an identifier only: an account
/// id, a mentor id, a learner id or `system`. Never a name, an e-mail address
/// or anything else that identifies a person by itself.
public struct AuditActor: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A member of staff with an institutional account; `id` is the account id.
        case staff
        /// A workplace mentor; `id` is the `Mentor.ID`.
        case mentor
        /// A learner acting for themselves; `id` is the `Learner.ID`.
        case learner
        /// Erkend itself (a scheduled job, a migration); `id` names the job.
        case system
        /// Someone not identified, such as a verifier without an account; `id` is `anonymous`.
        case anonymous
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func staff(_ accountID: String) -> AuditActor { AuditActor(kind: .staff, id: accountID) }
    public static func mentor(_ mentor: Mentor.ID) -> AuditActor { AuditActor(kind: .mentor, id: mentor.rawValue) }
    public static func learner(_ learner: Learner.ID) -> AuditActor { AuditActor(kind: .learner, id: learner.rawValue) }
    public static let system = AuditActor(kind: .system, id: "system")
    public static let anonymous = AuditActor(kind: .anonymous, id: "anonymous")

    public var description: String { "\(kind.rawValue):\(id)" }
}
