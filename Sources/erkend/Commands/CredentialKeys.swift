import ArgumentParser
import ErkendCore
import ErkendCredentials
import ErkendServer
import Foundation

/// Where the commands find the credential signing keys: `--keys DIR`, else the
/// folder beside the SQLite database (`erkend.sqlite.keys`). The keys are made
/// on first use, owner-only; their content is never printed or logged.
enum CredentialKeys {
    static func store(keys: String?, storage: ErkendStorage) -> FileKeyStore {
        if let keys, !keys.isEmpty { return FileKeyStore(directory: URL(fileURLWithPath: keys)) }
        return FileKeyStore(besideDatabase: storage.location)
    }

    static func issuer(keys: String?, storage: ErkendStorage, institution: String?, environment: [String: String]) throws -> IssuerSetup {
        let name = (institution ?? environment["ERKEND_INSTITUTION"]).flatMap { $0.isEmpty ? nil : $0 } ?? "Erkend"
        do {
            return IssuerSetup(keys: try store(keys: keys, storage: storage).loadOrCreate(), name: name)
        } catch {
            throw ValidationError("credential keys: \(error.message)")
        }
    }
}
