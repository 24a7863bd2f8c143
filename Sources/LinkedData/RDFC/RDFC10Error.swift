/// RDFC-1.0 gave up on a dataset.
public struct RDFC10Error: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The dataset needed more Hash N-Degree Quads work than the configured
        /// limit allows: typically a "poison" graph built to make
        /// canonicalization take forever.
        case workLimitExceeded = "work limit exceeded"
        /// Hash N-Degree Quads had to recurse deeper than the configured limit
        /// (a long chain or ring of blank nodes that look alike).
        case recursionLimitExceeded = "recursion limit exceeded"
    }

    public let code: Code
    public let message: String

    public var description: String { "\(code.rawValue): \(message)" }
}
