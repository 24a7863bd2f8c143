import ArgumentParser
import ErkendCore

/// A failure reported as one line on standard error with a non-zero exit status.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command body, turning Erkend's errors into a one-line reason.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ErkendError {
        throw CLIError(error.description)
    }
}

/// `reportingErrors` for work that does not wait.
func reportingErrorsSync<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ErkendError {
        throw CLIError(error.description)
    }
}
