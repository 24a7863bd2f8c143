import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// `--database postgres://…` and `ERKEND_DATABASE`: what the URL names, and where the password comes from.
@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    @Test("A URL names user, host, port and database; the password comes from the environment, not the command line")
    func passwordFromEnvironment() throws {
        let location = try PostgresLocation(url: "postgres://erkend@db.example.nl:6432/registry",
                                            environment: ["ERKEND_DATABASE_PASSWORD": "geheim", "PGPASSWORD": "other"])
        #expect(location == PostgresLocation(host: "db.example.nl", port: 6432, user: "erkend", database: "registry", password: "geheim"))
        #expect(location.description == "postgres://erkend@db.example.nl:6432/registry", "never the password")
        #expect(try PostgresLocation(url: "postgresql://erkend@localhost/registry", environment: ["PGPASSWORD": "pg"]).password == "pg")
        #expect(try PostgresLocation(url: "postgres://erkend@localhost/registry", environment: [:]).port == 5432)
    }

    @Test("A password file is read, without its final line break")
    func passwordFromFile() throws {
        let folder = try TemporaryDirectory("erkend-password")
        let file = try folder.write("password", "uit-een-bestand\n")
        let location = try PostgresLocation(url: "postgres://erkend@localhost/registry", environment: ["ERKEND_DATABASE_PASSWORD_FILE": file.path])
        #expect(location.password == "uit-een-bestand")
        #expect(throws: PostgresLocationError.self) {
            try PostgresLocation(url: "postgres://erkend@localhost/registry", environment: ["ERKEND_DATABASE_PASSWORD_FILE": folder.path("missing")])
        }
    }

    @Test("A URL without database or user is refused in words, and a file path is not a PostgreSQL URL")
    func refusals() throws {
        let noDatabase = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://erkend@localhost", environment: [:]) }
        #expect(noDatabase?.description.contains("names no database") == true)
        let noUser = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://localhost/registry", environment: [:]) }
        #expect(noUser?.description.contains("names no user") == true)
        let leaked = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://erkend:geheim@/registry", environment: [:]) }
        #expect(leaked?.description.contains("geheim") == false, "a refused URL's password is not repeated")
        #expect(!PostgresLocation.isPostgres("erkend-data/erkend.sqlite"))
        #expect(PostgresLocation.isPostgres("postgres://erkend@localhost/registry"))
    }
}
