/// How an action reached Erkend, named by the identifier of the session, link
/// or token used — never by the secret itself (no session cookie, no sign-off
/// token, no API key), so the log can be read without handing out access.
public struct AuditChannel: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A signed-in web session; `id` is the session's id.
        case session
        /// An API token; `id` is the token's id.
        case token
        /// A single-use sign-off link; `id` is the `SignoffRequest.ID`.
        case signoffLink
        /// The command-line tool; `id` names the command or the operator's account.
        case cli
        /// A file import; `id` names the import run.
        case `import`
        /// Erkend itself.
        case system
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func session(_ id: String) -> AuditChannel { AuditChannel(kind: .session, id: id) }
    public static func token(_ id: String) -> AuditChannel { AuditChannel(kind: .token, id: id) }
    public static func signoffLink(_ request: SignoffRequest.ID) -> AuditChannel { AuditChannel(kind: .signoffLink, id: request.rawValue) }
    public static func cli(_ id: String) -> AuditChannel { AuditChannel(kind: .cli, id: id) }
    public static func `import`(_ id: String) -> AuditChannel { AuditChannel(kind: .import, id: id) }
    public static let system = AuditChannel(kind: .system, id: "system")

    public var description: String { "\(kind.rawValue):\(id)" }
}
