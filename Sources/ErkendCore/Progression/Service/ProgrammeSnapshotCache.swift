import Foundation
import Synchronization

/// The catalogue a programme version needs (its EPAs and units in every
/// version, their outcomes) and which of their skills are technical, kept for a
/// short while: computing progress per request must not re-read the catalogue.
final class ProgrammeSnapshotCache: Sendable {
    struct Entry: Sendable {
        var programme: Programme
        var snapshot: CatalogueSnapshot
        var technicalSkills: Set<ConceptURI>
        var loadedAt: Date
    }

    /// Catalogue changes reach progress within this many seconds.
    static let lifetime: TimeInterval = 30
    private let entries = Mutex<[ExactReference: Entry]>([:])

    func cached(_ programme: ExactReference, at instant: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[programme], instant.timeIntervalSince(entry.loadedAt) < Self.lifetime else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, for programme: ExactReference) {
        entries.withLock { $0[programme] = entry }
    }

    func clear() {
        entries.withLock { $0.removeAll() }
    }
}

extension ProgressionService {
    /// The catalogue snapshot of a programme version, from the cache or read now.
    func snapshot(_ reference: ExactReference) async throws -> ProgrammeSnapshotCache.Entry {
        let instant = now()
        if let entry = snapshots.cached(reference, at: instant) { return entry }
        let programme = try await self.programme(reference)
        var epas: [EPA] = []
        var units: [LearningUnit] = []
        var outcomes: [LearningOutcome] = []
        var outcomeCodes = Set<String>()
        for code in Set(programme.allEPAs.map(\.code)) {
            for case .epa(let epa) in try await catalogue.repository.versions(.epa, code: code) {
                epas.append(epa)
                outcomeCodes.formUnion(epa.outcomes.map(\.code))
            }
        }
        for code in Set(programme.allUnits.map(\.code)) {
            for case .unit(let unit) in try await catalogue.repository.versions(.unit, code: code) {
                units.append(unit)
                outcomeCodes.formUnion(unit.outcomes.map(\.code))
            }
        }
        for code in outcomeCodes {
            for case .outcome(let outcome) in try await catalogue.repository.versions(.outcome, code: code) {
                outcomes.append(outcome)
            }
        }
        let skills = Set(outcomes.flatMap { $0.alignments.map(\.skill) } + epas.flatMap { $0.skills.map(\.skill) })
        var technical = Set<ConceptURI>()
        for skill in skills {
            if let concept = try await taxonomy.concept(skill), CurrencyPolicy.isTechnical(concept) { technical.insert(skill) }
        }
        let entry = ProgrammeSnapshotCache.Entry(programme: programme, snapshot: CatalogueSnapshot(epas: epas, units: units, outcomes: outcomes),
                                                 technicalSkills: technical, loadedAt: instant)
        snapshots.store(entry, for: reference)
        return entry
    }
}
