import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend accounts …`: accounts from the server's own command line (the first administrator, say).
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Create and list accounts from the command line (for the first administrator, or scripts).",
        subcommands: [AccountsCreateCommand.self, AccountsListCommand.self]
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
