public import Foundation

extension TaxonomyBatch {
    /// What each statement says, merged in order into the concept it is about: the stored
    /// concept (from `stored`) or a new one. Every backend imports through this, so the
    /// rules of a merge are the same whatever the database. Returns the merged concepts
    /// and the order in which they were first named.
    public static func merge(_ statements: [ConceptStatement], stored: (ConceptURI) -> Concept?) throws -> ([ConceptURI: Concept], [ConceptURI]) {
        var merged: [ConceptURI: Concept] = [:]
        var order: [ConceptURI] = []
        merged.reserveCapacity(statements.count)
        for statement in statements {
            var concept: Concept
            if let current = merged[statement.uri] {
                concept = current
            } else if let old = stored(statement.uri) {
                concept = old
                order.append(statement.uri)
            } else {
                concept = Concept(uri: statement.uri, kind: statement.kind, preferredLabel: LocalizedText())
                order.append(statement.uri)
            }
            guard concept.kind == statement.kind else {
                throw ErkendError(.importFailed, "\(statement.source): \(statement.uri) is a \(statement.kind.rawValue) here but a \(concept.kind.rawValue) elsewhere; a concept has one kind")
            }
            let language = statement.language
            if let label = statement.preferredLabel { concept.preferredLabel[language] = label }
            if let labels = statement.altLabels { concept.altLabels[language] = labels.isEmpty ? nil : labels }
            if let text = statement.description { concept.description[language] = text }
            if let code = statement.code { concept.code = code }
            if let skillType = statement.skillType { concept.skillType = skillType }
            if let reuseLevel = statement.reuseLevel { concept.reuseLevel = reuseLevel }
            if let iscoGroup = statement.iscoGroup { concept.iscoGroup = iscoGroup }
            if let modified = statement.modified { concept.modified = modified }
            if let obsolete = statement.isObsolete { concept.isObsolete = obsolete }
            if let collection = statement.collection, !concept.collections.contains(collection) {
                concept.collections = (concept.collections + [collection]).sorted()
            }
            merged[statement.uri] = concept
        }
        return (merged, order)
    }
}
