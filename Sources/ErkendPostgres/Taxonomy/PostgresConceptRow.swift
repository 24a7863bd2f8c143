import ErkendCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import PostgresNIO

/// How a `Concept` sits in PostgreSQL's `concept` table: the same columns as
/// the SQLite backend's, plus the search words.
enum PostgresConceptRow {
    static let columns = "uri, key, kind, code, skill_type, reuse_level, isco_group, modified, obsolete, sort_label, preferred_en, preferred_nl, alt_en, alt_nl, description_en, description_nl, other_labels, preferred_other, alt_other, collections"
    static let summaryColumns = "concept.uri, concept.kind, concept.code, concept.preferred_nl, concept.preferred_en, concept.obsolete"

    struct OtherLabels: Codable {
        var preferred: String?
        var alt: [String]?
        var description: String?
    }

    static func concept(from row: PostgresRandomAccessRow) throws -> Concept {
        var preferred = LocalizedText(nl: try row.value("preferred_nl", as: String?.self), en: try row.value("preferred_en", as: String?.self))
        var description = LocalizedText(nl: try row.value("description_nl", as: String?.self), en: try row.value("description_en", as: String?.self))
        var alt: [String: [String]] = [:]
        if let text = try row.value("alt_en", as: String?.self), !text.isEmpty { alt["en"] = text.components(separatedBy: "\n") }
        if let text = try row.value("alt_nl", as: String?.self), !text.isEmpty { alt["nl"] = text.components(separatedBy: "\n") }
        if let json = try row.value("other_labels", as: String?.self),
           let others = try? JSONDecoder().decode([String: OtherLabels].self, from: Data(json.utf8)) {
            for (language, labels) in others {
                preferred[language] = labels.preferred
                description[language] = labels.description
                if let list = labels.alt, !list.isEmpty { alt[language] = list }
            }
        }
        let collections = try row.value("collections", as: String.self)
        return Concept(
            uri: ConceptURI(trusted: try row.value("uri")),
            kind: ConceptKind(rawValue: try row.value("kind")) ?? .skill,
            code: try row.value("code", as: String?.self),
            preferredLabel: preferred,
            altLabels: alt,
            description: description,
            skillType: try row.value("skill_type", as: String?.self).flatMap(SkillType.init(rawValue:)),
            reuseLevel: try row.value("reuse_level", as: String?.self).flatMap(ReuseLevel.init(rawValue:)),
            iscoGroup: try row.value("isco_group", as: String?.self),
            collections: collections.isEmpty ? [] : collections.components(separatedBy: " "),
            modified: try row.value("modified", as: String?.self),
            isObsolete: try row.value("obsolete", as: Bool.self)
        )
    }

    static func summary(from row: PostgresRandomAccessRow) throws -> ConceptSummary {
        ConceptSummary(
            uri: ConceptURI(trusted: try row.value("uri")),
            kind: ConceptKind(rawValue: try row.value("kind")) ?? .skill,
            code: try row.value("code", as: String?.self),
            preferredLabel: LocalizedText(nl: try row.value("preferred_nl", as: String?.self), en: try row.value("preferred_en", as: String?.self)),
            isObsolete: try row.value("obsolete", as: Bool.self)
        )
    }

    static func sortLabel(_ concept: Concept) -> String {
        (concept.preferredLabel["en"] ?? concept.preferredLabel.best(["nl"]) ?? concept.uri.rawValue).lowercased()
    }

    /// Column arrays for a multi-row insert or update with `unnest`: one array per column, rows in order.
    struct Columns {
        var id: [Int64] = [], uri: [String] = [], key: [String] = [], kind: [String] = [], code: [String] = []
        var skillType: [String] = [], reuseLevel: [String] = [], iscoGroup: [String] = [], modified: [String] = []
        var obsolete: [Bool] = [], sortLabel: [String] = [], preferredEn: [String] = [], preferredNl: [String] = []
        var altEn: [String] = [], altNl: [String] = [], descriptionEn: [String] = [], descriptionNl: [String] = []
        var otherLabels: [String] = [], preferredOther: [String] = [], altOther: [String] = [], collections: [String] = []
        var wordsNl: [String] = [], wordsEn: [String] = [], wordsOther: [String] = [], wordsAll: [String] = []
        var searchWords: [String] = [], wordCount: [Int32] = []

        var count: Int { id.count }

        /// Arrays of text cannot hold NULL through the driver: a control character no label holds stands for it.
        static let null = "\u{1}"
        private func orNull(_ value: String?) -> String { value ?? Self.null }

        mutating func append(_ concept: Concept, id: Int64) {
            var otherPreferred: [String] = []
            var otherAlt: [String] = []
            var otherJSON: String?
            let isOther = { (language: String) in language != "nl" && language != "en" }
            if concept.preferredLabel.values.keys.contains(where: isOther) || concept.altLabels.keys.contains(where: isOther)
                || concept.description.values.keys.contains(where: isOther) {
                var others: [String: OtherLabels] = [:]
                for language in Set(concept.preferredLabel.languages + concept.description.languages + Array(concept.altLabels.keys)).sorted()
                where isOther(language) {
                    others[language] = OtherLabels(preferred: concept.preferredLabel[language], alt: concept.altLabels[language], description: concept.description[language])
                    concept.preferredLabel[language].map { otherPreferred.append($0) }
                    otherAlt.append(contentsOf: concept.altLabels[language] ?? [])
                }
                otherJSON = (try? ErkendJSON.encoder().encode(others)).map { String(decoding: $0, as: UTF8.self) }
            }
            self.id.append(id)
            uri.append(concept.uri.rawValue)
            key.append(concept.uri.key)
            kind.append(concept.kind.rawValue)
            code.append(orNull(concept.code))
            skillType.append(orNull(concept.skillType?.rawValue))
            reuseLevel.append(orNull(concept.reuseLevel?.rawValue))
            iscoGroup.append(orNull(concept.iscoGroup))
            modified.append(orNull(concept.modified))
            obsolete.append(concept.isObsolete)
            sortLabel.append(PostgresConceptRow.sortLabel(concept))
            preferredEn.append(orNull(concept.preferredLabel["en"]))
            preferredNl.append(orNull(concept.preferredLabel["nl"]))
            altEn.append(orNull(concept.altLabels["en"].map { $0.joined(separator: "\n") }))
            altNl.append(orNull(concept.altLabels["nl"].map { $0.joined(separator: "\n") }))
            descriptionEn.append(orNull(concept.description["en"]))
            descriptionNl.append(orNull(concept.description["nl"]))
            otherLabels.append(orNull(otherJSON))
            preferredOther.append(otherPreferred.joined(separator: "\n"))
            altOther.append(otherAlt.joined(separator: "\n"))
            collections.append(concept.collections.joined(separator: " "))
            let columns = SearchWords.columns(of: concept)
            let unique = { (lists: [[String]]) in Array(Set(lists.joined())).sorted().joined(separator: " ") }
            wordsNl.append(unique([columns[0], columns[1]]))
            wordsEn.append(unique([columns[2], columns[3]]))
            wordsOther.append(unique([columns[4], columns[5]]))
            wordsAll.append(unique(columns))
            searchWords.append(columns.map { $0.joined(separator: " ") }.joined(separator: "\n"))
            wordCount.append(Int32(columns.reduce(0) { $0 + $1.count } + SearchWords.tagCount(of: concept)))
        }

        /// The rows in `range`.
        func slice(_ range: Range<Int>) -> Columns {
            var part = Columns()
            part.id = Array(id[range])
            part.uri = Array(uri[range])
            part.key = Array(key[range])
            part.kind = Array(kind[range])
            part.code = Array(code[range])
            part.skillType = Array(skillType[range])
            part.reuseLevel = Array(reuseLevel[range])
            part.iscoGroup = Array(iscoGroup[range])
            part.modified = Array(modified[range])
            part.obsolete = Array(obsolete[range])
            part.sortLabel = Array(sortLabel[range])
            part.preferredEn = Array(preferredEn[range])
            part.preferredNl = Array(preferredNl[range])
            part.altEn = Array(altEn[range])
            part.altNl = Array(altNl[range])
            part.descriptionEn = Array(descriptionEn[range])
            part.descriptionNl = Array(descriptionNl[range])
            part.otherLabels = Array(otherLabels[range])
            part.preferredOther = Array(preferredOther[range])
            part.altOther = Array(altOther[range])
            part.collections = Array(collections[range])
            part.wordsNl = Array(wordsNl[range])
            part.wordsEn = Array(wordsEn[range])
            part.wordsOther = Array(wordsOther[range])
            part.wordsAll = Array(wordsAll[range])
            part.searchWords = Array(searchWords[range])
            part.wordCount = Array(wordCount[range])
            return part
        }

        /// `SELECT … FROM unnest(…)` of all columns, with the binds added to `bindings`.
        func select(_ bindings: inout PostgresBindings) -> String {
            bindings.append(id); bindings.append(uri); bindings.append(key); bindings.append(kind); bindings.append(code)
            bindings.append(skillType); bindings.append(reuseLevel); bindings.append(iscoGroup); bindings.append(modified)
            bindings.append(obsolete); bindings.append(sortLabel); bindings.append(preferredEn); bindings.append(preferredNl)
            bindings.append(altEn); bindings.append(altNl); bindings.append(descriptionEn); bindings.append(descriptionNl)
            bindings.append(otherLabels); bindings.append(preferredOther); bindings.append(altOther); bindings.append(collections)
            bindings.append(wordsNl); bindings.append(wordsEn); bindings.append(wordsOther); bindings.append(wordsAll)
            bindings.append(searchWords); bindings.append(wordCount)
            let start = bindings.count - 27
            let types = ["bigint", "text", "text", "text", "text", "text", "text", "text", "text", "boolean", "text", "text", "text",
                         "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "integer"]
            let arguments = types.enumerated().map { "$\(start + $0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
            return """
                SELECT \(Self.expressions)
                FROM unnest(\(arguments)) AS r(\(Self.stagingColumns))
                """
        }

        /// What each stored column is made of, from the row `r` of the arrays or the staging table
        /// (where the NULL stand-in never occurs: COPY says NULL itself).
        static let expressions = """
            id, uri, key, kind, NULLIF(code, chr(1)), NULLIF(skill_type, chr(1)), NULLIF(reuse_level, chr(1)),
                   NULLIF(isco_group, chr(1)), NULLIF(modified, chr(1)), obsolete, sort_label,
                   NULLIF(preferred_en, chr(1)), NULLIF(preferred_nl, chr(1)), NULLIF(alt_en, chr(1)), NULLIF(alt_nl, chr(1)),
                   NULLIF(description_en, chr(1)), NULLIF(description_nl, chr(1)), NULLIF(other_labels, chr(1)),
                   preferred_other, alt_other, collections,
                   array_to_tsvector(string_to_array(words_nl, ' ')), array_to_tsvector(string_to_array(words_en, ' ')),
                   array_to_tsvector(string_to_array(words_other, ' ')), array_to_tsvector(string_to_array(words_all, ' ')),
                   search_words, word_count
            """

        static let stagingColumns = """
            id, uri, key, kind, code, skill_type, reuse_level, isco_group, modified, obsolete, sort_label,
                   preferred_en, preferred_nl, alt_en, alt_nl, description_en, description_nl, other_labels,
                   preferred_other, alt_other, collections, words_nl, words_en, words_other, words_all, search_words, word_count
            """

        /// The temporary table COPY fills: one column per array, the words still as text.
        static let stagingTable = """
            CREATE TEMP TABLE import_concept (
                id bigint, uri text, key text, kind text, code text, skill_type text, reuse_level text, isco_group text,
                modified text, obsolete boolean, sort_label text, preferred_en text, preferred_nl text, alt_en text, alt_nl text,
                description_en text, description_nl text, other_labels text, preferred_other text, alt_other text,
                collections text, words_nl text, words_en text, words_other text, words_all text, search_words text,
                word_count integer
            ) ON COMMIT DROP
            """

        /// The rows in COPY's text format (tab between columns, one line per row), handed to `flush`
        /// about every 256 KiB.
        func copyText(_ flush: (ByteBuffer) async throws -> Void) async throws {
            var buffer = ByteBufferAllocator().buffer(capacity: 300_000)
            for row in 0..<count {
                buffer.writeString(String(id[row])); buffer.writeInteger(UInt8(ascii: "\t"))
                for column in [uri, key, kind, code, skillType, reuseLevel, iscoGroup, modified] {
                    CopyText.append(column[row], to: &buffer)
                }
                buffer.writeString(obsolete[row] ? "t\t" : "f\t")
                for column in [sortLabel, preferredEn, preferredNl, altEn, altNl, descriptionEn, descriptionNl, otherLabels,
                               preferredOther, altOther, collections, wordsNl, wordsEn, wordsOther, wordsAll, searchWords] {
                    CopyText.append(column[row], to: &buffer)
                }
                buffer.writeString(String(wordCount[row])); buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 256 * 1024 {
                    try await flush(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await flush(buffer) }
        }

        static let allColumns = "id, " + PostgresConceptRow.columns
            + ", words_nl, words_en, words_other, words_all, search_words, word_count"
    }
}

/// COPY's text format: a field ends with a tab, `\N` is NULL, and a backslash, tab, newline or
/// carriage return inside a value is written as a backslash escape.
enum CopyText {
    /// Appends one field and the tab after it; the NULL stand-in of the arrays becomes `\N`.
    static func append(_ value: String, to buffer: inout ByteBuffer) {
        if value == PostgresConceptRow.Columns.null {
            buffer.writeString("\\N\t")
            return
        }
        appendEscaped(value, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    /// Appends a value without the separator after it. The value is scanned in C (strpbrk) for the
    /// four bytes that need escaping, and the runs between them are copied whole.
    static func appendEscaped(_ value: String, to buffer: inout ByteBuffer) {
        value.withCString { start in
            var run = start
            while let found = strpbrk(run, "\\\t\n\r") {
                let hit = UnsafePointer(found)
                buffer.writeBytes(UnsafeRawBufferPointer(start: run, count: hit - run))
                switch hit.pointee {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                default: buffer.writeStaticString("\\r")
                }
                run = hit + 1
            }
            // The rest by the string's own length, not strlen: a NUL inside reaches the server, which refuses it,
            // instead of cutting the value short without a word.
            let total = value.utf8.count
            buffer.writeBytes(UnsafeRawBufferPointer(start: run, count: total - (run - start)))
        }
    }

    /// Lines of fields (no NULLs) in COPY's text format, handed to `flush` about every 256 KiB.
    static func rows(_ rows: [[String]], _ flush: (ByteBuffer) async throws -> Void) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 300_000)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                appendEscaped(field, to: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= 256 * 1024 {
                try await flush(buffer)
                buffer.clear()
            }
        }
        if buffer.readableBytes > 0 { try await flush(buffer) }
    }
}
