/// Whether a backend's database can serve this version of Erkend: it answers, and it has every
/// migration this version knows. Load balancers and orchestrators ask through `GET /ready`.
public protocol DatabaseReadiness: Sendable {
    /// The migrations of this version of Erkend the database does not have yet (empty: current).
    /// Throws when the database does not answer. Migrations a newer node already applied are no
    /// obstacle: they only add (expand first, contract in a later version).
    func pendingMigrations() async throws -> [String]
}
