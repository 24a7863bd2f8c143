public import Foundation

/// The bytes of one piece of evidence a recognition case keeps (a credential's
/// JSON, a PDF), for an `EvidenceItem` whose source is `.stored(key:)`.
public struct EvidenceContent: Hashable, Sendable {
    /// The largest piece of evidence stored: 5 MiB.
    public static let maximumSize = 5 * 1024 * 1024

    /// The key the evidence item names in `.stored(key:)`; unique across all cases.
    public var key: String
    /// Such as `application/ld+json`, `application/vc+jwt` or `application/pdf`.
    public var mediaType: String
    public var bytes: Data

    public init(key: String, mediaType: String, bytes: Data) {
        self.key = key
        self.mediaType = mediaType
        self.bytes = bytes
    }

    /// Checks a key, a media type of the form `type/subtype`, and the size limit (`.tooLarge`, answered as 413).
    public func validate() throws {
        if key.isBlank {
            throw ErkendError.invalid("evidence.key", "name the key the evidence item refers to")
        }
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count != 2 || parts.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw ErkendError.invalid("evidence[\(key)].mediaType", "'\(mediaType.prefix(60))' is not a media type such as application/pdf")
        }
        if bytes.count > EvidenceContent.maximumSize {
            let message = "evidence \(key) is \(bytes.count) bytes; the limit is \(EvidenceContent.maximumSize) bytes (5 MiB) — store a smaller file or a link to it"
            throw ErkendError(.tooLarge, message, details: [.init(location: "evidence[\(key)]", message: message)])
        }
    }
}

/// Evidence as stored, with the SHA-256 computed when it was stored.
public struct StoredEvidence: Hashable, Sendable {
    public var key: String
    public var recognitionCase: RecognitionCase.ID
    public var mediaType: String
    /// SHA-256 of `bytes`, as lowercase hex.
    public var sha256: String
    public var bytes: Data

    public init(key: String, recognitionCase: RecognitionCase.ID, mediaType: String, sha256: String, bytes: Data) {
        self.key = key
        self.recognitionCase = recognitionCase
        self.mediaType = mediaType
        self.sha256 = sha256
        self.bytes = bytes
    }
}

extension EvidenceContent {
    /// The rule every backend applies when a case is stored with its content: one
    /// piece of content per `.stored(key:)` source of the case, none left over,
    /// each within the limits. All problems are reported at once.
    public static func check(_ evidence: [EvidenceContent], of recognitionCase: RecognitionCase) throws {
        for content in evidence { try content.validate() }
        let wanted = Set(recognitionCase.evidence.compactMap { item -> String? in
            if case .stored(let key) = item.source { key } else { nil }
        })
        let given = evidence.map(\.key)
        var problems: [ErkendError.Detail] = []
        if Set(given).count != given.count {
            problems.append(.init(location: "evidence", message: "each key is given once"))
        }
        for key in wanted.subtracting(given).sorted() {
            problems.append(.init(location: "evidence", message: "the case refers to stored evidence \(key), but no content for it is given"))
        }
        for key in Set(given).subtracting(wanted).sorted() {
            problems.append(.init(location: "evidence", message: "content \(key) is given, but no evidence item of the case refers to it"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The evidence does not match the case: \(problems.map(\.message).joined(separator: "; "))", details: problems)
        }
    }
}
