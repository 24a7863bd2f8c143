/// The rule that keeps a metric from singling out a learner: a group of
/// fewer than `minimum` learners is not shown, only counted as suppressed.
public struct SmallGroups: Hashable, Sendable, Codable {
    public var minimum: Int

    public init(minimum: Int = 5) {
        self.minimum = minimum
    }

    public static let standard = SmallGroups()

    /// Whether a group of `learners` may be shown. An empty group (0) shows nothing about anyone and may.
    public func shows(_ learners: Int) -> Bool {
        learners == 0 || learners >= minimum
    }
}
