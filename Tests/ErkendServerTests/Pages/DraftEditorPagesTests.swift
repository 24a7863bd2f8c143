import ErkendCore
@testable import ErkendServer
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Designers writing EPAs and programmes as drafts in the browser, and the validation report
/// leading them to the field to fix.
@Suite("Draft editor pages")
struct DraftEditorPagesTests {
    @Test("A designer writes an EPA with its own scale and a programme with two phases, follows a finding to the field, fixes it, and publishes both")
    func epaAndProgramme() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            // A published unit for the phases to use.
            _ = try await client.page(.post, "/design/units", form: "action=save&code=WEB-U1&titleNl=Web+een&unitKind=module", headers: designer)
            #expect(try await client.page(.post, "/design/units/WEB-U1/versions/1/publish", form: "", headers: designer).status == .seeOther)

            let empty = try await client.page(.get, "/design/drafts/epas/new", headers: designer)
            #expect(empty.status == .ok)
            #expect(inputValue("level-4-code", in: empty.html) == "5", "a new EPA starts from the standard scale of five levels")
            let epaForm = "code=WEB-EPA&titleNl=Een+webpagina+opleveren&scaleId=web-3&scaleTitleNl=Drie+niveaus"
                + "&level-0-code=A&level-0-supervision=2&level-0-labelNl=Met+hulp"
                + "&level-1-code=B&level-1-supervision=3&level-1-labelNl=Op+afstand"
                + "&level-2-code=C&level-2-supervision=4&level-2-labelNl=Zelfstandig"
                + "&level-3-code=D&level-3-supervision=5&level-3-labelNl=Weg&level-3-remove=1"
                + "&minimumObservations=2&minimumObservers=1&windowMonths=6"
            let created = try await client.page(.post, "/design/drafts/epas", form: epaForm, headers: designer)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/design/drafts/epas/WEB-EPA/1?saved=1")
            guard case .epa(let epa) = try await app.services.catalogue.requireEntity(VersionKey(.epa, "WEB-EPA", 1)) else {
                Issue.record("no EPA draft was stored"); return
            }
            #expect(epa.scale.levels.map(\.code) == ["A", "B", "C"], "the level ticked for removal is left out")
            #expect(epa.decisionRule == DecisionRule(minimumObservations: 2, minimumObservers: 1, windowMonths: 6))

            let duplicate = try await client.page(.post, "/design/drafts/epas", form: epaForm, headers: designer)
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.html.contains("Die code bestaat al"), "in Dutch, with the form kept")
            #expect(inputValue("titleNl", in: duplicate.html) == "Een webpagina opleveren")

            let wrongTarget = "code=WEB-OPL&titleNl=Webontwikkelaar&sector=mbo&phase-0-code=F1&phase-0-units=WEB-U1&phase-0-epaTargets=WEB-EPA"
            let refused = try await client.page(.post, "/design/drafts/programmes", form: wrongTarget, headers: designer)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(##"href="#phase-0-epaTargets""##), "the problem links to the field")

            let programmeForm = "code=WEB-OPL&titleNl=Webontwikkelaar&sector=mbo"
                + "&phase-0-code=F1&phase-0-titleNl=Start&phase-0-months=6&phase-0-units=WEB-U1&phase-0-epaTargets=WEB-EPA%3DB"
                + "&phase-1-code=F2&phase-1-titleNl=Verdieping&phase-1-months=6&phase-1-epaTargets=WEB-EPA+%3D+A"
            #expect(try await client.page(.post, "/design/drafts/programmes", form: programmeForm, headers: designer).status == .seeOther)

            let report = try await client.page(.get, "/design/validation", headers: designer)
            #expect(report.html.contains(#"href="/design/drafts/programmes/WEB-OPL/1#phase-1-epaTargets""#),
                    "the finding that the target drops in phase two leads to that phase's targets")
            let edit = try await client.page(.get, "/design/drafts/programmes/WEB-OPL/1", headers: designer)
            #expect(edit.html.contains(#"id="phase-1-epaTargets""#))
            #expect(inputValue("phase-1-epaTargets", in: edit.html) == "WEB-EPA=A")

            let fixed = programmeForm.replacingOccurrences(of: "WEB-EPA+%3D+A", with: "WEB-EPA%3DC")
            #expect(try await client.page(.post, "/design/drafts/programmes/WEB-OPL/1", form: fixed, headers: designer).status == .seeOther)
            let after = try await client.page(.get, "/design/validation", headers: designer)
            #expect(!after.html.contains("/design/drafts/programmes/WEB-OPL/1#phase-1"))

            #expect(try await client.page(.post, "/design/epas/WEB-EPA/versions/1/publish", form: "", headers: designer).status == .seeOther)
            #expect(try await client.page(.post, "/design/programmes/WEB-OPL/versions/1/publish", form: "", headers: designer).status == .seeOther)
            let published = try await client.page(.get, "/design/drafts/programmes/WEB-OPL/1", headers: designer)
            #expect(published.status == .seeOther, "a published programme is not edited; its page is shown")
            let publicPage = try await client.page(.get, "/programmes/WEB-OPL")
            #expect(publicPage.html.contains("Verdieping"))
            #expect(try await client.page(.get, "/design/drafts/epas/new", headers: app.headers(.learner)).status == .forbidden)
        }
    }

    @Test("Saving a draft keeps what the form does not show, and a removed phase is gone")
    func keepsHiddenFields() throws {
        var programme = Programme(code: "P", title: LocalizedText(nl: "Opleiding", en: "Programme"), description: LocalizedText(en: "Kept"),
                                  phases: [Phase(code: "F1", title: LocalizedText(nl: "Een", en: "One"), units: [EntityReference("U1")]),
                                           Phase(code: "F2", title: LocalizedText(nl: "Twee"))])
        var fields = DraftForms.fields(programme)
        fields["phase-1-remove"] = "1"
        fields["phase-0-units"] = "U1, U2@3;U3"
        programme = try DraftForms.programme(fields, base: programme)
        #expect(programme.description["en"] == "Kept")
        #expect(programme.phases.map(\.code) == ["F1"])
        #expect(programme.phases[0].title["en"] == "One")
        #expect(programme.phases[0].units == [EntityReference("U1"), EntityReference("U2", version: 3), EntityReference("U3")])
    }

    @Test("A target without a level, or a code that is not one, is refused naming the field")
    func refusesBadLists() {
        #expect(throws: ErkendError.self) { try DraftForms.targets("SD-EPA-1", field: "phase-0-epaTargets") }
        #expect(throws: ErkendError.self) { try DraftForms.targets("=3", field: "phase-0-epaTargets") }
        #expect(throws: ErkendError.self) { try DraftForms.references("goed, <script>", field: "phase-0-units") }
        do {
            _ = try DraftForms.targets("A=1, B", field: "phase-2-epaTargets")
            Issue.record("a target without a level was accepted")
        } catch let error as ErkendError {
            #expect(error.details.first?.location == "phase-2-epaTargets")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect((try? DraftForms.targets("A = 1,B=3b", field: "x"))?.map(\.level) == ["1", "3b"])
    }

    @Test("Validation paths lead to the field of the edit form")
    func anchors() {
        #expect(DraftForms.anchor(.programme, "phases[1].epaTargets[0].level") == "phase-1-epaTargets")
        #expect(DraftForms.anchor(.programme, "phases[0].units[2]") == "phase-0-units")
        #expect(DraftForms.anchor(.programme, "phases") == "phase-0-code")
        #expect(DraftForms.anchor(.programme, "choiceGroups[3].choose") == "group-3-choose")
        #expect(DraftForms.anchor(.programme, "minimumCredits") == "minimumEcts")
        #expect(DraftForms.anchor(.epa, "decisionRule.minimumObservers") == "minimumObservers")
        #expect(DraftForms.anchor(.epa, "scale.levels[2].supervision") == "level-2-supervision")
        #expect(DraftForms.anchor(.epa, "phase-1-units") == "phase-1-units")
        #expect(DraftForms.anchor(.epa, "skills") == nil, "no field for skills on the form")
        #expect(DraftForms.anchor(.unit, "outcomes") == nil)
    }

    @Test("A form body with broken encoding, or too many fields, is refused")
    func hostileForms() throws {
        #expect(throws: ErkendError.self) { try FormFields(encoded: "a=%zz") }
        #expect(throws: ErkendError.self) { try FormFields(encoded: String(repeating: "a=1&", count: FormFields.maximumFields + 1)) }
        let fields = try FormFields(encoded: "a=1&a=2&phase-7-code=X&phase-999-code=Y&phase--1-code=Z&b=x+y%26")
        #expect(fields["a"] == "1", "the first of a repeated name counts")
        #expect(fields["b"] == "x y&")
        #expect(fields.rowCount("phase") == 8, "rows beyond 200 or below 0 are not rows")
    }

    @Test("A refused draft shows the specific problem next to the field it is about, and marks that field invalid")
    func problemNextToTheField() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            // An EPA target without its level, in the first phase.
            let wrongTarget = "code=WEB-OPL&titleNl=Webontwikkelaar&sector=mbo&phase-0-code=F1&phase-0-units=GEN-DIGI&phase-0-epaTargets=SD-EPA-K1"
            let refused = try await client.page(.post, "/design/drafts/programmes", form: wrongTarget, headers: designer)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"id="phase-0-epaTargets" aria-invalid="true""#), "the field is marked")
            let marker = #"<p class="field-error" id="phase-0-epaTargets-error" lang="en">"#
            let after = try #require(refused.html.range(of: marker), "the problem stands next to the field")
            let message = refused.html[after.upperBound...].prefix { $0 != "<" }
            #expect(!message.isEmpty, "it says what is wrong")
            let field = try #require(refused.html.range(of: #"id="phase-0-epaTargets""#))
            #expect(field.lowerBound < after.lowerBound && refused.html[field.upperBound..<after.lowerBound].count < 400, "right after the field")
            #expect(!refused.html.contains(#"id="phase-0-units" aria-invalid"#), "the other fields are not marked")

            // A top-level field: the Dutch title left empty on an EPA.
            let noTitle = try await client.page(.post, "/design/drafts/epas", form: "code=WEB-EPA2&titleNl=&scaleId=s&level-0-code=A&level-0-supervision=2&level-0-labelNl=X",
                                                headers: designer)
            #expect(noTitle.status == .unprocessableContent)
            #expect(noTitle.html.contains(#"class="field-error""#), "the EPA form shows its problem at a field too")
        }
    }

    @Test("A designer attaches a unit and an EPA target to a phase by picking them from the catalogue's lists, without typing a code")
    func pickUnitsAndEPAs() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            let empty = try await client.page(.get, "/design/drafts/programmes/new", headers: designer)
            #expect(empty.html.contains(#"<select id="phase-0-pickUnit" name="phase-0-pickUnit""#))
            #expect(empty.html.contains(#"<option value="GEN-DIGI">GEN-DIGI — "#), "units by code and title")
            #expect(empty.html.contains(#"<option value="SD-EPA-K1=3">"#), "each level of each EPA's scale")
            let form = "code=PICK-OPL&titleNl=Gekozen&sector=mbo&phase-0-code=F1&phase-0-titleNl=Start&phase-0-months=6"
                + "&phase-0-units=&phase-0-pickUnit=GEN-DIGI&phase-0-epaTargets=&phase-0-pickEpa=SD-EPA-K1%3D3"
            let created = try await client.page(.post, "/design/drafts/programmes", form: form, headers: designer)
            #expect(created.status == .seeOther, "\(created.html)")
            guard case .programme(let programme) = try await app.services.catalogue.requireEntity(VersionKey(.programme, "PICK-OPL", 1)) else {
                Issue.record("no programme draft was stored"); return
            }
            #expect(programme.phases.first?.units.map(\.code) == ["GEN-DIGI"])
            #expect(programme.phases.first?.epaTargets.map { "\($0.epa)=\($0.level)" } == ["SD-EPA-K1=3"])
            // Picking what is there already adds nothing twice.
            let again = form.replacingOccurrences(of: "phase-0-units=&", with: "phase-0-units=GEN-DIGI&")
            let saved = try await client.page(.post, "/design/drafts/programmes/PICK-OPL/1", form: again, headers: designer)
            #expect(saved.status == .seeOther)
            let edit = try await client.page(.get, "/design/drafts/programmes/PICK-OPL/1", headers: designer)
            #expect(inputValue("phase-0-units", in: edit.html) == "GEN-DIGI")
        }
    }
}
