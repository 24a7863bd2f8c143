import ErkendCore
import ErkendTemplates
import Foundation
import HTTPTypes

/// Every text of the pages, one table per language, from `Templates/Translations/<code>.json`.
/// Adding a language is adding a file; a key missing in it falls back to Dutch.
struct Translations: Sendable {
    static let defaultLanguage = "nl"
    let tables: [String: [String: String]]

    init() throws {
        guard let folder = ErkendTemplates.folder("Translations") else { throw ErkendError(.storage, "Translations/ is missing from Erkend's shipped files (Templates/)") }
        var tables: [String: [String: String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "json" {
            tables[file.deletingPathExtension().lastPathComponent] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        }
        try self.init(tables: tables)
    }

    init(tables: [String: [String: String]]) throws {
        guard let base = tables[Self.defaultLanguage] else { throw ErkendError(.storage, "Translations/\(Self.defaultLanguage).json is missing from Erkend's shipped files (Templates/)") }
        self.tables = tables.mapValues { base.merging($0) { _, own in own } }
    }

    /// The language codes there is a table for, Dutch first.
    var languages: [String] { tables.keys.sorted { ($0 == Self.defaultLanguage ? "" : $0) < ($1 == Self.defaultLanguage ? "" : $1) } }

    func table(_ language: String) -> [String: String] { tables[language] ?? tables[Self.defaultLanguage] ?? [:] }

    /// The text for `key`, with `{name}` placeholders filled in.
    func text(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        var text = table(language)[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The language to answer in: `?lang=`, else the language cookie, else the first of
    /// Accept-Language that has a table, else Dutch.
    func language(query: String?, cookie: String?, acceptLanguage: String?) -> String {
        if let query, tables[query] != nil { return query }
        if let cookie, tables[cookie] != nil { return cookie }
        for candidate in Self.preferences(acceptLanguage ?? "") {
            let primary = String(candidate.split(separator: "-").first ?? "")
            if tables[primary] != nil { return primary }
        }
        return Self.defaultLanguage
    }

    /// The languages of an Accept-Language header, most wanted first (`q=0` left out).
    static func preferences(_ header: String) -> [String] {
        let weighted = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty, tag != "*" else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { quality = Double(piece.dropFirst(2)) ?? 0 }
            return quality > 0 ? (tag, quality, index) : nil
        }
        return weighted.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map(\.0)
    }
}
