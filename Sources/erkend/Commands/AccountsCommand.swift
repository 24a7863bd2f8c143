import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend accounts …`: accounts from the server's own command line (the first administrator, say).
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Create and list accounts from the command line (for the first administrator, or scripts).",
        subcommands: [AccountsCreateCommand.self, AccountsListCommand.self, AccountsTokenCommand.self]
    )
}

struct AccountsCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an account with a password read from standard input.",
        discussion: """
        Example: echo 'a long pass phrase here' | erkend accounts create --username beheer@roc.nl --name "Beheer" --role administrator
        Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). Learner and mentor accounts name their record with --learner or --mentor.
        """
    )

    @Option(help: "The user name (an e-mail address works well).")
    var username: String

    @Option(help: "The name shown in the registry.")
    var name: String

    @Option(name: .customLong("role"), help: "A role; repeat for several.")
    var roles: [String]

    @Option(help: "For a learner account: the learner's id.")
    var learner: String?

    @Option(help: "For a mentor account: the mentor's id.")
    var mentor: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let parsedRoles = try Set(roles.map { text -> Role in
            guard let role = Role(rawValue: text) else { throw CLIError("unknown role '\(text)'; use \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            return role
        })
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            throw CLIError("give the password on standard input (it is never taken as an argument, so it does not end up in the shell history)")
        }
        let store = try await database.openStorage()
        let account = try await reportingErrors {
            try await AccountAdministration(accounts: store.accounts).create(
                username: username, displayName: name, roles: parsedRoles,
                learner: try learner.map { try Learner.ID(validating: $0) }, mentor: try mentor.map { try Mentor.ID(validating: $0) },
                password: password)
        }
        print("created account \(account.id) for \(account.username) (\(account.roles.sorted().map(\.rawValue).joined(separator: ", ")))")
    }
}

struct AccountsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let page = try await reportingErrors { try await store.accounts.accounts(page: try PageRequest(size: PageRequest.maximumSize)) }
        for account in page.items {
            print("\(account.username)\t\(account.displayName)\t\(account.roles.sorted().map(\.rawValue).joined(separator: ","))\(account.isDisabled ? "\tdisabled" : "")")
        }
    }
}

struct AccountsTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a new API token for an account (for staff who script against the API).",
        discussion: """
        Example: erkend accounts token ontwerper@demo.erkend.nl --scopes catalogue:read,catalogue:write --lifetime 30d
        Scopes: \(TokenScope.allCases.map(\.rawValue).joined(separator: ", ")); only those the account's roles can use.
        The token is printed once, on standard output; send it as 'Authorization: Bearer TOKEN'. It is audited as made from the command line.
        """
    )

    @Argument(help: "The account's user name.")
    var username: String

    @Option(help: "The scopes, separated by commas.")
    var scopes: String

    @Option(help: "How long the token lives: 30d, 12w or a number of days (default 90 days, at most 365).")
    var lifetime: String?

    @Option(help: "A name for the token, so you know later what it is for.")
    var name = "command line"

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let parsed = try Set(scopes.split(separator: ",").map { text -> TokenScope in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let scope = TokenScope(rawValue: trimmed) else {
                throw CLIError("unknown scope '\(trimmed)'; use \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return scope
        })
        let store = try await database.openStorage()
        let (token, secret) = try await reportingErrors {
            try await AccountAdministration(accounts: store.accounts).token(
                username: username, name: name, scopes: parsed, lifetimeDays: try lifetime.map(APITokenRules.lifetimeDays))
        }
        print(secret)
        FileHandle.standardError.write(Data("token \(token.id) for \(username) with \(token.scopes.sorted().map(\.rawValue).joined(separator: " ")), valid until \(token.expiresAt.map { $0.formatted(.iso8601) } ?? "revoked")\n".utf8))
    }
}
