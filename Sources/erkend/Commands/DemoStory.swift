import ErkendCore
import ErkendServer
import Foundation
import Logging

/// The progression half of the demo: learners at workplaces (leerbedrijven)
/// with their mentors, observations signed through sign-off links, entrustment
/// decisions, unit results and an EVC case, telling three stories:
///
/// - `halfWay`: a Software developer learner half-way to independent practice,
///   entrusted at level 2 on both EPAs and collecting level-3 observations,
///   with one sign-off link still open for her praktijkopleider;
/// - `recognised`: a nursing learner whose earlier work counts: a unit
///   recognised through EVC on an Open Badge;
/// - `fading`: a learner entrusted years ago who has not shown the work since,
///   so the skills' currency runs out and re-entrustment is due.
///
/// Dates are counted back from today, so the story stays true whenever the
/// demo is loaded. Every write goes through `ProgressionService`, so the same
/// rules and the same audit log apply as over HTTP.
struct DemoStory {
    static let halfWay = "Sanne Visser"
    static let recognised = "Yusuf Demir"
    static let fading = "Lotte Jansen"
    static let starter = "Noah de Boer"
    static let learnerAccount = "leerling@demo.erkend.nl"
    static let mentorAccount = "praktijkopleider@demo.erkend.nl"

    /// What the story made that a person trying the demo needs to know.
    struct Summary {
        var learners: Int
        var observations: Int
        /// The path of the one open sign-off link, `/signoff/TOKEN`.
        var openLink: String
    }

    let store: ErkendStorage
    let service: ProgressionService
    let today: Day
    private let staff = Principal.commandLine

    init(store: ErkendStorage, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        service = ProgressionService(storage: store.progression, catalogue: CatalogueServices(store: store).catalogue,
                                     taxonomy: store.taxonomy, now: now)
        today = Day(now())
    }

    func run() async throws -> Summary {
        var observations = 0
        let openLink = try await halfWayStory(&observations)
        try await recognisedStory(&observations)
        try await fadingStory(&observations)
        try await starterStory(&observations)
        return Summary(learners: 4, observations: observations, openLink: openLink)
    }

    // MARK: The stories

    /// Software developer, 14 months in: phase 1 done, level 2 on both EPAs,
    /// level-3 work observed on both; the committee can decide K1 at level 3,
    /// K2 waits for one more observation (the open link, for Fatima).
    private func halfWayStory(_ count: inout Int) async throws -> String {
        let start = today.adding(months: -14)
        let sanne = try await learner(Self.halfWay, number: "260101", born: "2007-05-21")
        let enrolment = try await enrol(sanne, "SD-25604", start: start)
        let fatima = try await mentor("Fatima el Amrani", "Codefabriek Utrecht", email: "fatima@codefabriek.example.nl")
        let kees = try await mentor("Kees Jansen", "Codefabriek Utrecht", email: "kees@codefabriek.example.nl")
        let placement = try await place(sanne, enrolment, at: "Codefabriek Utrecht", department: "Team Webshop", from: start, mentors: [fatima, kees])
        let workplace = ObservationContext(workplace: "Codefabriek Utrecht", department: "Team Webshop", complexity: .medium)

        for (offset, mentor) in [(30, fatima), (61, kees), (120, fatima), (150, kees)] {
            try await observe(sanne, "SD-EPA-K1", level: "2", on: start.adding(days: offset), by: mentor, placement: placement, context: workplace)
            count += 1
        }
        for (offset, mentor) in [(45, kees), (92, fatima), (152, kees)] {
            try await observe(sanne, "SD-EPA-K2", level: "2", on: start.adding(days: offset), by: mentor, placement: placement, context: workplace)
            count += 1
        }
        let sixMonths = start.adding(months: 6)
        try await decide(sanne, "SD-EPA-K1", level: "2", on: sixMonths, committee: "Examencommissie ICT")
        try await decide(sanne, "SD-EPA-K2", level: "2", on: sixMonths, committee: "Examencommissie ICT")

        let harder = ObservationContext(workplace: "Codefabriek Utrecht", department: "Team Webshop", complexity: .high)
        for (daysAgo, mentor) in [(130, fatima), (75, kees), (40, fatima), (12, kees)] {
            try await observe(sanne, "SD-EPA-K1", level: "3", on: today.adding(days: -daysAgo), by: mentor, placement: placement, context: harder)
            count += 1
        }
        for (daysAgo, mentor) in [(90, kees), (20, fatima)] {
            try await observe(sanne, "SD-EPA-K2", level: "3", on: today.adding(days: -daysAgo), by: mentor, placement: placement, context: harder)
            count += 1
        }
        for (unit, months) in [("GEN-DIGI", 4), ("SD-B1-K1-W1", 5), ("SD-B1-K2-W1", 6), ("K0080", 9), ("SD-B1-K1-W2", 11), ("SD-B1-K2-W2", 12)] {
            try await result(sanne, unit, on: start.adding(months: months), grade: ["7,5", "8", "6,8", "7", "8,2", "7,1"][months % 6])
        }
        // Open: the third level-3 observation of K2 that would let the committee decide; Fatima sees it among her requests.
        let (_, token) = try await service.requestSignoff(sanne, NewSignoffRequest(mentor: fatima.id, epa: EntityReference("SD-EPA-K2")), by: staff)

        let administration = AccountAdministration(accounts: store.accounts, passwordCost: 10)
        _ = try await administration.create(username: Self.learnerAccount, displayName: "\(Self.halfWay) (demo)", roles: [.learner],
                                        learner: sanne, password: DemoLoader.demoPassword)
        _ = try await administration.create(username: Self.mentorAccount, displayName: "\(fatima.name) (demo)", roles: [.mentor],
                                        mentor: fatima.id, password: DemoLoader.demoPassword)
        return "/signoff/\(token)"
    }

    /// Nursing, three months in, after years as a care assistant: an Open Badge
    /// from that work is recognised for unit VP-B1-K2; a mentor declines a link
    /// for something she did not see herself.
    private func recognisedStory(_ count: inout Int) async throws {
        let start = today.adding(months: -3)
        let yusuf = try await learner(Self.recognised, number: "260214", born: "1994-11-03")
        let enrolment = try await enrol(yusuf, "VP-N4-2026", start: start)
        let ingrid = try await mentor("Ingrid Mulder", "Ziekenhuis Rijnstad", email: "i.mulder@rijnstad.example.nl")
        let ahmed = try await mentor("Ahmed Bouzid", "Ziekenhuis Rijnstad", email: "a.bouzid@rijnstad.example.nl")
        let placement = try await place(yusuf, enrolment, at: "Ziekenhuis Rijnstad", department: "Chirurgie", from: start.adding(days: 7), mentors: [ingrid, ahmed])
        let ward = ObservationContext(workplace: "Ziekenhuis Rijnstad", department: "Chirurgie", complexity: .low)
        for (days, level, mentor) in [(20, "2a", ingrid), (41, "2a", ahmed), (62, "2b", ingrid), (80, "2b", ahmed)] {
            try await observe(yusuf, "VP-EPA-VTH", level: level, on: start.adding(days: days), by: mentor, placement: placement, context: ward)
            count += 1
        }
        try await observe(yusuf, "VP-EPA-DIAG", level: "1", on: start.adding(days: 35), by: ingrid, placement: placement, context: ward)
        count += 1
        let (_, declined) = try await service.requestSignoff(yusuf, NewSignoffRequest(mentor: ahmed.id, epa: EntityReference("VP-EPA-DIAG")), by: staff)
        _ = try await service.decline(token: declined, reason: "Ik was die dienst niet aanwezig; vraag het Ingrid Mulder.")

        let badge = Self.openBadge(name: "Samenwerken in de zorg", issuer: "Zorgacademie Oost", issued: today.adding(months: -26), holder: Self.recognised)
        let opened: NewRecognitionCase = try Self.decode([
            "evidence": [["kind": "openBadge3", "content": badge]],
            "targets": [["target": ["kind": "unit", "reference": "VP-B1-K2"], "evidence": [0],
                         "rationale": "Vier jaar helpende in de thuiszorg; de badge dekt afstemmen met mantelzorgers en andere zorgprofessionals."] as [String: Any]],
        ])
        let recognitionCase = try await service.openRecognition(yusuf, opened, by: staff)
        let decision: NewRecognitionDecision = try Self.decode([
            "result": "full",
            "reasons": ["De badge en het criteriumgericht interview tonen beide werkprocessen van B1-K2 op niveau 4 aan."],
        ])
        _ = try await service.decideRecognition(yusuf, case: recognitionCase.id, decision, by: staff)
        try await result(yusuf, "GEN-DIGI", on: start.adding(days: 60), grade: "8")
    }

    /// Software developer in a work-based route (BBL), entrusted three and a
    /// half years ago and not observed since: the technical skills have lost
    /// more than half their currency, and re-entrustment is due.
    private func fadingStory(_ count: inout Int) async throws {
        let start = today.adding(months: -56)
        let lotte = try await learner(Self.fading, number: "220377", born: "1998-02-14")
        let enrolment = try await enrol(lotte, "SD-25604", start: start)
        let peter = try await mentor("Peter de Wit", "Datawerk Zwolle", email: "peter@datawerk.example.nl")
        let marloes = try await mentor("Marloes Smit", "Datawerk Zwolle", email: "marloes@datawerk.example.nl")
        // Ended after 18 months, once its mentors had signed: after the end they could not sign any more.
        let placement = try await place(lotte, enrolment, at: "Datawerk Zwolle", department: "Maatwerk", from: start, mentors: [peter, marloes])
        let office = ObservationContext(workplace: "Datawerk Zwolle", department: "Maatwerk", complexity: .medium)
        for (days, level, mentor) in [(40, "2", peter), (75, "2", marloes), (120, "2", peter), (250, "3", peter), (300, "3", marloes), (340, "3", peter)] {
            try await observe(lotte, "SD-EPA-K1", level: level, on: start.adding(days: days), by: mentor, placement: placement, context: office)
            count += 1
        }
        for (days, mentor) in [(90, marloes), (210, peter)] {
            try await observe(lotte, "SD-EPA-K2", level: "2", on: start.adding(days: days), by: mentor, placement: placement, context: office)
            count += 1
        }
        _ = try await service.endPlacement(lotte, placement, on: start.adding(months: 18), by: staff)
        try await decide(lotte, "SD-EPA-K1", level: "2", on: start.adding(months: 6), committee: "Examencommissie ICT")
        try await decide(lotte, "SD-EPA-K1", level: "3", on: start.adding(months: 12), committee: "Examencommissie ICT")
        try await decide(lotte, "SD-EPA-K2", level: "2", on: start.adding(months: 12), committee: "Examencommissie ICT",
                         overrideReason: "Twee observaties en een praktijkexamen op 12 maart; het examen telt als derde bewijs.")
        for (unit, months) in [("GEN-DIGI", 8), ("SD-B1-K1-W1", 10), ("SD-B1-K2-W1", 12)] {
            try await result(lotte, unit, on: start.adding(months: months), grade: "7")
        }
    }

    /// Software developer, six weeks in: first observations at level 1 and 2.
    private func starterStory(_ count: inout Int) async throws {
        let start = today.adding(days: -42)
        let noah = try await learner(Self.starter, number: "260388", born: "2009-08-30")
        let enrolment = try await enrol(noah, "SD-25604", start: start)
        let mentor = try await mentor("Eva Hendriks", "Appwerk Amersfoort", email: "eva@appwerk.example.nl")
        let placement = try await place(noah, enrolment, at: "Appwerk Amersfoort", department: nil, from: start.adding(days: 7), mentors: [mentor])
        for (days, level) in [(14, "1"), (28, "2")] {
            try await observe(noah, "SD-EPA-K1", level: level, on: start.adding(days: days), by: mentor, placement: placement,
                              context: ObservationContext(workplace: "Appwerk Amersfoort", complexity: .low))
            count += 1
        }
    }

    // MARK: Steps, each one call of the service

    private func learner(_ name: String, number: String, born: Day) async throws -> Learner.ID {
        let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@student.demo.erkend.nl"
        return try await service.createLearner(NewLearner(name: name, studentNumber: number, email: email, dateOfBirth: born), by: staff).id
    }

    private func enrol(_ learner: Learner.ID, _ programme: String, start: Day) async throws -> Enrolment.ID {
        let year = start.month >= 8 ? start.year : start.year - 1
        return try await service.enrol(learner, NewEnrolment(programme: EntityReference(programme), startDate: start, cohort: "\(year)-\(year + 1)"), by: staff).id
    }

    private func mentor(_ name: String, _ organisation: String, email: String) async throws -> Mentor {
        try await service.createMentor(NewMentor(name: name, organisation: organisation, email: email), by: staff)
    }

    private func place(_ learner: Learner.ID, _ enrolment: Enrolment.ID, at organisation: String, department: String?, from start: Day,
                       until end: Day? = nil, mentors: [Mentor]) async throws -> Placement.ID {
        try await service.place(learner, NewPlacement(enrolment: enrolment, organisation: organisation, department: department, kind: .bpv,
                                                      startDate: start, endDate: end, mentors: mentors.map(\.id)), by: staff).id
    }

    /// An observation as mentors make them: the learner asks through a link, the mentor signs on the phone.
    private func observe(_ learner: Learner.ID, _ epa: String, level: String, on day: Day, by mentor: Mentor, placement: Placement.ID,
                         context: ObservationContext) async throws {
        let (_, token) = try await service.requestSignoff(learner, NewSignoffRequest(mentor: mentor.id, epa: EntityReference(epa)), by: staff)
        let feedback = Self.feedback[(day.ordinal + level.count) % Self.feedback.count]
        _ = try await service.sign(token: token, SignoffSubmission(name: mentor.name, organisation: mentor.organisation, level: level, date: day,
                                                                   feedback: feedback, context: context))
    }

    private func decide(_ learner: Learner.ID, _ epa: String, level: String, on day: Day, committee: String, overrideReason: String? = nil) async throws {
        _ = try await service.decide(learner, NewDecision(epa: EntityReference(epa), level: level, decidedOn: day, committee: committee,
                                                          deciders: ["J. de Boer", "A. Yilmaz"], scope: "BPV bij het leerbedrijf",
                                                          overrideReason: overrideReason), by: staff)
    }

    private func result(_ learner: Learner.ID, _ unit: String, on day: Day, grade: String) async throws {
        _ = try await service.recordResult(learner, NewResult(unit: EntityReference(unit), grade: grade, achievedOn: day, assessor: "M. Smit"), by: staff)
    }

    // MARK: Content

    static let feedback = [
        "Goed voorbereid en netjes afgerond; vraag eerder om hulp als je vastloopt.",
        "Werkte zorgvuldig en legde uit waarom; let nog op de planning.",
        "Zelfstandig opgepakt en getest; bespreek keuzes vaker met het team.",
        "Rustig en veilig uitgevoerd; verslaglegging kan vollediger.",
        "Sterke communicatie met de klant; controleer je werk nog eens na.",
    ]

    /// An Open Badges 3.0 credential as a learner brings one in from elsewhere.
    /// Unsigned: Erkend reads what the evidence is; the assessor judges it.
    static func openBadge(name: String, issuer: String, issued: Day, holder: String) -> String {
        let credential: [String: Any] = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": "urn:uuid:7f3c2a4e-2b1d-4c8e-9a57-demo0000evc1",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": ["id": "https://zorgacademie-oost.example.nl", "type": ["Profile"], "name": issuer],
            "validFrom": "\(issued)T09:00:00Z",
            "name": name,
            "credentialSubject": [
                "type": ["AchievementSubject"],
                "name": holder,
                "achievement": [
                    "id": "https://zorgacademie-oost.example.nl/achievements/samenwerken-in-de-zorg",
                    "type": ["Achievement"],
                    "name": name,
                    "description": "Stemt de zorg af met mantelzorgers en werkt samen met andere zorgprofessionals (niveau 3, thuiszorg).",
                    "criteria": ["narrative": "Beoordeeld in de praktijk over zes maanden, met een praktijkverklaring van de werkgever."],
                ] as [String: Any],
            ] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: credential, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A request value as the API would decode it from JSON.
    static func decode<T: Decodable>(_ object: [String: Any]) throws -> T {
        try ErkendJSON.decoder().decode(T.self, from: JSONSerialization.data(withJSONObject: object))
    }
}
