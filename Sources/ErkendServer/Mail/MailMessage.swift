public import Foundation

/// An e-mail ready to send: plain text in UTF-8, encoded as MIME
/// (quoted-printable body, RFC 2047 encoded words in headers) with a Message-ID.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var fromName: String
    public var to: String
    public var toName: String
    public var subject: String
    public var text: String
    public var messageID: String
    public var date: Date
    /// The header naming the learner a mail is about (an id, never a name), by which
    /// copies of the mail outside the database are found when the learner is erased.
    public static let learnerHeader = "X-Erkend-Learner"
    /// Extra headers, such as `X-Erkend-About` (never a secret).
    public var headers: [(String, String)] { extraHeaders.map { ($0.name, $0.value) } }
    var extraHeaders: [Header]

    struct Header: Sendable, Hashable {
        var name: String
        var value: String
    }

    public init(from: String, fromName: String = "Erkend", to: String, toName: String, subject: String, text: String,
                messageID: String? = nil, date: Date, headers: [String: String] = [:]) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
        let domain = from.split(separator: "@").last.map(String.init) ?? "erkend.invalid"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
        self.date = date
        self.extraHeaders = headers.sorted { $0.key < $1.key }.map { Header(name: $0.key, value: $0.value) }
    }

    /// The whole message as sent in SMTP's DATA, lines ending in CRLF, before dot-stuffing.
    public var mime: String {
        var lines = [
            "Date: \(Self.rfc5322(date))",
            "From: \(MIMEEncoding.encodedWord(fromName)) <\(from)>",
            "To: \(MIMEEncoding.encodedWord(toName)) <\(to)>",
            "Subject: \(MIMEEncoding.encodedWord(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        lines += extraHeaders.map { "\($0.name): \($0.value.filter { !$0.isNewline })" }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + MIMEEncoding.quotedPrintable(text)
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// The MIME encodings a plain-text mail needs, written here because no library
/// in the package mirror does MIME (RFC 2045 quoted-printable, RFC 2047 words).
enum MIMEEncoding {
    /// `text` in quoted-printable: lines at most 76 characters (soft breaks `=`),
    /// CRLF line ends, `=`, bytes outside printable ASCII and trailing blanks as `=XX`.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            let bytes = Array(line.utf8)
            var output = ""
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
                let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if current.count + piece.count > 75 {
                    output += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            return output + current
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// A header value as an RFC 2047 encoded word when it is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        let clean = text.filter { !$0.isNewline }
        if clean.allSatisfy({ $0.isASCII && !"\"=?".contains($0) }) { return clean }
        return "=?utf-8?b?\(Data(clean.utf8).base64EncodedString())?="
    }

    /// SMTP's transparency (RFC 5321 4.5.2): a line starting with `.` gets another.
    static func dotStuffed(_ mime: String) -> String {
        mime.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }
}
