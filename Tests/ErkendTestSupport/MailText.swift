public import Foundation

/// Reading mail as a mentor's mail program would: the quoted-printable body
/// decoded, and the sign-off link found in it.
public enum MailText {
    /// The body of a MIME message (after the blank line), quoted-printable decoded.
    public static func body(of message: String) -> String {
        let normalised = message.replacingOccurrences(of: "\r\n", with: "\n")
        guard let range = normalised.range(of: "\n\n") else { return "" }
        return decodeQuotedPrintable(String(normalised[range.upperBound...]))
    }

    public static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
               let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The whole sign-off link in a message: `http(s)://…/signoff/TOKEN`.
    public static func signoffLink(in message: String) -> String? {
        let body = body(of: message)
        guard let range = body.range(of: #"https?://[^\s]+/signoff/[A-Za-z0-9_-]{32,}"#, options: .regularExpression) else { return nil }
        return String(body[range])
    }

    /// The token of the sign-off link in a message.
    public static func signoffToken(in message: String) -> String? {
        signoffLink(in: message)?.split(separator: "/").last.map(String.init)
    }
}
