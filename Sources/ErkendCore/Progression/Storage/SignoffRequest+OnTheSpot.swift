public import Foundation

/// Signing on the spot: the learner shows the link as a QR code on her phone,
/// the mentor scans it and fills in the form there and then. Whoever holds the
/// learner's screen could do that, so the signature is held — it is no
/// evidence, stored nowhere but in the request — until the mentor confirms it
/// with a one-time code Erkend mails to the mentor's registered address, or
/// signs in with their own mentor account.
public enum OnTheSpotConfirmation {
    /// How long a code works.
    public static let codeLifetime: TimeInterval = 15 * 60
    /// Wrong codes allowed before the held signature needs a new code.
    public static let maximumAttempts = 5

    /// A code of six digits, from `random` (injected, so tests are predictable).
    public static func code(using random: () -> UInt32) -> String {
        let value = random() % 1_000_000
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Whether `text` has the shape of a code: six digits, spaces allowed between.
    public static func normalised(_ text: String) throws -> String {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ErkendError.invalid("code", "the code has six digits; it is in the e-mail Erkend just sent to you")
        }
        return digits
    }
}
