import Foundation

/// The form user names are stored and compared in, so that names that look the
/// same are the same account: `Ｆatima@ROC.nl`, `fatima@roc.nl` and the NFD
/// spelling of `zoë` each have one normal form. Names that hide characters are
/// refused rather than cleaned, so nobody gets an account that only looks like a colleague's.
public enum UserName {
    /// NFKC (full-width and compatibility letters become their plain form), then
    /// case-folded and NFKC again. Refuses control characters (a NUL cut names
    /// short), spaces, and invisible characters such as zero-width spaces and joiners.
    public static func normalize(_ text: String) throws -> String {
        if let bad = text.unicodeScalars.first(where: isRefused) {
            throw ErkendError.invalid("username", "must not contain \(describe(bad)); type the name with visible letters, digits and signs only")
        }
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        guard (3...254).contains(folded.count) else {
            throw ErkendError.invalid("username", "must be 3 to 254 characters")
        }
        return folded
    }

    /// Whether `text` is already in normal form.
    public static func isNormal(_ text: String) -> Bool {
        (try? normalize(text)) == text
    }

    /// Control characters, separators (spaces, line and paragraph separators),
    /// format characters (zero-width space, joiners, direction marks, the BOM)
    /// and every other character Unicode says to ignore when displaying.
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        default:
            return scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isWhitespace
        }
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.properties.generalCategory {
        case .control: return "control characters (found \(code))"
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return "spaces (found \(code))"
        default: return scalar.properties.isWhitespace ? "spaces (found \(code))" : "invisible characters (found \(code))"
        }
    }
}
