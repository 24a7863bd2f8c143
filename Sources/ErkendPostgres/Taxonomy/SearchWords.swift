import ErkendCore
import Foundation

/// Cuts label text into search words the way the SQLite backend's full-text
/// index does (FTS5's `unicode61` tokenizer with `remove_diacritics 2`): a word
/// is a run of letters, digits and private-use characters; it is lower-cased
/// and its diacritics removed. Both backends therefore find the same concepts
/// for the same typed text, and rank them from the same word counts.
enum SearchWords {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            guard !current.isEmpty else { return }
            words.append(fold(String(current)))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isWordCharacter(scalar) {
                current.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    private static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.lowercased().folding(options: .diacriticInsensitive, locale: nil)
    }

    /// The six label columns of the SQLite index, in its order: preferred and
    /// alternative labels in Dutch, English and other languages.
    static func columns(of concept: Concept) -> [[String]] {
        let isOther = { (language: String) in language != "nl" && language != "en" }
        var otherPreferred: [String] = []
        var otherAlt: [String] = []
        for language in Set(concept.preferredLabel.languages + concept.description.languages + Array(concept.altLabels.keys)).sorted()
        where isOther(language) {
            concept.preferredLabel[language].map { otherPreferred.append($0) }
            otherAlt.append(contentsOf: concept.altLabels[language] ?? [])
        }
        return [
            words(concept.preferredLabel["nl"] ?? ""), words((concept.altLabels["nl"] ?? []).joined(separator: "\n")),
            words(concept.preferredLabel["en"] ?? ""), words((concept.altLabels["en"] ?? []).joined(separator: "\n")),
            words(otherPreferred.joined(separator: "\n")), words(otherAlt.joined(separator: "\n")),
        ]
    }

    /// The words SQLite's index holds in its `tags` column for a concept (kind other than skill, obsolete).
    static func tagCount(of concept: Concept) -> Int {
        (concept.kind == .skill ? 0 : 1) + (concept.isObsolete ? 1 : 0)
    }

    /// Column weights of the ranking: preferred labels weigh 10, alternative ones 2 (as in the SQLite backend).
    static let weights: [Double] = [10, 2, 10, 2, 10, 2]
}
