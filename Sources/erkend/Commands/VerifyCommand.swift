import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend verify FILE`.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a credential: signature, issuer key, validity window and status.",
        discussion: """
        Reads an Open Badges 3.0 JSON file (Data Integrity proof), a VC-JWT or an SD-JWT VC that this Erkend \\
        issued, and checks it against the keys beside the database and the status lists it keeps. An Open \\
        Badges 3.0 credential of another issuer is checked when its key is a did:key. Prints the result in \\
        words (or JSON with --json); exits 0 when valid, 1 when not, 2 when the file is not a credential. \\
        --public-url must be the address the credential was issued under (as given to erkend serve).

        Example: erkend verify badge.json --public-url https://erkend.example.nl
        """
    )

    @Argument(help: "The credential file; - reads standard input.")
    var file: String

    @Option(help: "The address the credentials were issued under (default: $ERKEND_PUBLIC_URL, else http://127.0.0.1:8080).")
    var publicURL: String?

    @Option(help: "The folder with the credential keys (default: beside the database).")
    var keys: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            text = String(decoding: data, as: UTF8.self)
        }
        let environment = ProcessInfo.processInfo.environment
        let address = publicURL ?? environment["ERKEND_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
        let store = try await database.openStorage()
        let setup = try CredentialKeys.issuer(keys: keys, storage: store, institution: nil, environment: environment)
        let checker = CredentialChecker(setup: setup, awards: store.awards, publicURL: address)
        let result: CredentialChecker.Result
        do {
            result = try await checker.check(text)
        } catch let error as ErkendError {
            FileHandle.standardError.write(Data("erkend verify: \(file): \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            print(String(decoding: try ErkendJSON.encoder().encode(result), as: UTF8.self))
        } else if result.valid {
            print("valid \(result.format) credential from \(result.issuer ?? "?"), status \(result.status)"
                  + (result.achievement.map { ": \($0)" } ?? ""))
        } else {
            print("NOT valid \(result.format) credential from \(result.issuer ?? "?"): \(result.problem ?? "unknown reason")")
        }
        if !result.valid { throw ExitCode(1) }
    }
}
