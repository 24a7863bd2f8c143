import ErkendCore
import Foundation
import HTTPTypes

/// How catalogue and progression values read on a page.
enum PageValues {
    /// The text in the visitor's language, else Dutch, else English, else any.
    static func text(_ text: LocalizedText, _ language: String) -> String? {
        text.best([language, "nl", "en"])
    }

    static func level(_ level: QualificationLevel) -> String? {
        var parts: [String] = []
        if let nlqf = level.nlqf { parts.append("NLQF \(nlqf)") }
        if let eqf = level.eqf { parts.append("EQF \(eqf)") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func workload(_ workload: Workload) -> String? {
        var parts: [String] = []
        if let ects = workload.ects { parts.append("\(ects.formatted(.number.precision(.fractionLength(0...1)))) ECTS") }
        if let sbu = workload.sbu { parts.append("\(sbu) SBU") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func percent(_ share: Double) -> Int { Int((share * 100).rounded(.down)) }

    /// The status word in the visitor's language.
    static func statusKey(_ status: LifecycleStatus) -> String {
        switch status {
        case .draft: "statusDraft"
        case .published: "statusPublished"
        case .deprecated: "statusDeprecated"
        }
    }

    /// The page of a catalogue code.
    static func href(_ kind: CatalogueKind, _ code: String) -> String {
        "/\(kind.plural)/\(code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? code)"
    }

    static func date(_ date: Date) -> String { Day(date).description }
}

extension String {
    /// The text without surrounding white space, or `nil` when nothing is left (an empty form field).
    var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
