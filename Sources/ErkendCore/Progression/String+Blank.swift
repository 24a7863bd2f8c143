import Foundation

extension String {
    /// Empty or only white space: what a required free-text field must not be.
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}
