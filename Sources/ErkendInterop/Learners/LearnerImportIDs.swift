import ErkendCore
import Foundation

/// The ids a learner import gives what it reads. Each is a function of what
/// identifies the record in the file, so importing the same file again, or a
/// corrected one, updates the records instead of adding them twice.
enum LearnerImportIDs {
    /// `<learner>-<programme code>-<start day>`: a learner starts a programme once on a day.
    static func enrolment(learner: Learner.ID, programmeCode: String, start: Day) -> String {
        "\(learner)-\(programmeCode)-\(start)"
    }

    /// `<enrolment>-P-<start day>`: the workplace, period end and mentors of a
    /// placement may be corrected in a later file; where and when it starts within the enrolment may not.
    static func placement(enrolment: Enrolment.ID, start: Day) -> String {
        "\(enrolment)-P-\(start)"
    }

    /// `M-` and 16 hex digits, from the e-mail address (in lower case) or,
    /// without one, from the organisation and the name. The id is hashed,
    /// not written out, because mentor ids are what the audit log records
    /// about mentors, and the log must never hold an address or a name.
    static func mentor(email: String?, organisation: String, name: String) -> Mentor.ID {
        let key = email.map { "email:" + $0.lowercased() } ?? "name:" + folded(organisation) + "\n" + folded(name)
        let digits = String(fnv1a64(key), radix: 16)
        return Mentor.ID(trusted: "M-" + String(repeating: "0", count: 16 - digits.count) + digits)
    }

    /// Lower case, white space runs as one space, so `Jan  de Vries` and `jan de vries` are one person.
    static func folded(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes. Written out because this module has
    /// no hashing library (Foundation on Linux has none); the ids need stability
    /// and few collisions, not secrecy: in 64 bits a collision becomes likely only at billions of mentors.
    private static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
