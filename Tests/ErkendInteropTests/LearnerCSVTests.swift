import ErkendCore
import ErkendInterop
import ErkendTestSupport
import Foundation
import Testing

/// Learner files as the people who make them write them: the shipped example,
/// English headers, split names, Dutch dates, several mentors, extra columns.
@Suite("Learner CSV")
struct LearnerCSVTests {
    private typealias Fixture = LearnerCSVFixture

    private func readDemo() throws -> [LearnerImportRow] {
        let resolver = try Fixture.demoResolver()
        return try LearnerCSV(contentsOf: RepositoryRoot.path("Catalogs/demo-learners.csv")).rows(resolveProgramme: resolver.resolve)
    }

    @Test("The shipped example reads: fourteen learners enrolled in the demo programmes, ten on a placement")
    func demoFileReads() throws {
        let rows = try readDemo()

        #expect(rows.count == 14)
        #expect(Set(rows.compactMap(\.enrolment?.programme)) == ["SD-25604@1", "VP-N4-2026@1"])
        #expect(rows.compactMap(\.placement).count == 10)
        #expect(rows.allSatisfy { $0.learner.id.rawValue == $0.learner.studentNumber })
        let emma = try #require(rows.first { $0.learner.name == "Emma Verbandstra" })
        #expect(emma.placement?.department == "Verpleegafdeling B3, interne geneeskunde")
        #expect(emma.mentors.map(\.name) == ["Marieke Polsslag", "Yvonne Infuuspaal"])
        let lotte = try #require(rows.first { $0.learner.id == "240117" })
        #expect(lotte.placement?.kind == .leerbaan)
        #expect(rows.first { $0.learner.id == "250103" }?.placement == nil)
    }

    @Test("A mentor on several rows is one mentor, with the phone number given on any of them")
    func sharedMentor() throws {
        let rows = try readDemo()

        let daan = try #require(rows.first { $0.learner.id == "250101" })
        let fleur = try #require(rows.first { $0.learner.id == "250102" })
        let karinOnDaan = try #require(daan.mentors.first { $0.name == "Karin Sleutelaar" })
        let karinOnFleur = try #require(fleur.mentors.first { $0.name == "Karin Sleutelaar" })
        #expect(karinOnDaan == karinOnFleur)
        #expect(karinOnFleur.phone == "+31 6 0000 0101")
        let bram = rows.flatMap(\.mentors).filter { $0.name == "Bram Boomstructuur" }
        #expect(bram.count == 2 && bram.allSatisfy { $0.phone == "+31 6 0000 0103" })
    }

    @Test("Reading the same file twice gives identical rows and ids")
    func idsAreStable() throws {
        let first = try readDemo()
        let second = try readDemo()

        #expect(first == second)
        let daan = try #require(first.first)
        #expect(daan.enrolment?.id == "250101-SD-25604-2025-09-01")
        #expect(daan.placement?.id == "250101-SD-25604-2025-09-01-P-2026-02-02")
    }

    @Test("Mentor ids come from the e-mail address in any case, else workplace and name, and hold neither")
    func mentorIDs() throws {
        let text = "studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,mentor,mentor_email,mentor_2,mentor_email_2\n"
            + "1,A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Jan Tester,Jan.Tester@Acme.example,Henk Koffieronde,\n"
            + "2,B,SD-25604,2025-2026,2025-09-01,ACME,2026-02-02,Jan Tester,jan.tester@acme.example,henk  koffieronde,\n"

        let rows = try Fixture.read(text)

        #expect(rows[0].placement?.mentors == rows[1].placement?.mentors)
        let ids = try #require(rows[0].placement?.mentors)
        #expect(ids.count == 2)
        for id in ids {
            #expect(id.rawValue.hasPrefix("M-") && id.rawValue.count == 18)
            #expect(!id.rawValue.lowercased().contains("jan") && !id.rawValue.lowercased().contains("acme"))
        }
    }

    @Test("English headers, a byte order mark, CRLF and Dutch day-first dates read as the Dutch layout does")
    func englishHeadersAndDutchDates() throws {
        let dutch = Fixture.header + "\n" + Fixture.row() + "\n"
        let english = "student_number,name,email,date_of_birth,programme,cohort,start_date,workplace,department,kind,"
            + "placement_start,placement_end,mentor,mentor_email,mentor_phone\r\n"
            + "900001,Els Proef,900001@student.example,15-01-2008,SD-25604,2025-2026,1-9-2025,Pixelpolder Software B.V.,"
            + "Team Webshop,BPV,02/02/2026,26-06-2026,Karin Sleutelaar,karin@pixelpolder.example,+31 6 0000 0101\r\n"

        let fromDutch = try Fixture.read(dutch)
        let fromEnglish = try Fixture.read(bytes: [0xEF, 0xBB, 0xBF] + Array(english.utf8))

        #expect(fromEnglish == fromDutch)
    }

    @Test("Headers are matched ignoring case, spaces and hyphens, and split names are joined")
    func headerSpellingAndSplitNames() throws {
        let text = "Studentnummer,Roepnaam,Tussenvoegsel,Achternaam,E-mail,Opleiding,Cohort,Startdatum,Leerbedrijf,BPV start,Praktijkopleider E-mail,Praktijkopleider\n"
            + "900001,Fleur,van,Oefenhuizen,f@student.example,SD-25604@1,2025-2026,2025-09-01,Acme,2026-02-02,k@acme.example,Karin\n"
            + "900002,Sem,,Breukelbit,,SD-25604,2025-2026,2025-09-01,,,,\n"

        let rows = try Fixture.read(text)

        #expect(rows.map(\.learner.name) == ["Fleur van Oefenhuizen", "Sem Breukelbit"])
        #expect(rows[0].learner.email == "f@student.example")
        #expect(rows[0].mentors.map(\.email) == ["k@acme.example"])
        #expect(rows[1].placement == nil && rows[1].learner.email == nil)
    }

    @Test("A second mentor set with suffix _2 adds a second mentor in column order; the same person twice is listed once")
    func severalMentors() throws {
        let text = "studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,"
            + "praktijkopleider,praktijkopleider_email,praktijkopleider_2,praktijkopleider_email_2,werkbegeleider,werkbegeleider_email\n"
            + "1,A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Karin,k@acme.example,Ruben,r@acme.example,Karin,K@acme.example\n"
            + "2,B,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,,,,,Joost,j@acme.example\n"

        let rows = try Fixture.read(text)

        #expect(rows[0].mentors.map(\.name) == ["Karin", "Ruben"])
        #expect(rows[0].placement?.mentors == rows[0].mentors.map(\.id))
        #expect(rows[1].mentors.map(\.name) == ["Joost"])
        #expect(rows.allSatisfy { $0.mentors.allSatisfy { $0.organisation == "Acme" } })
    }

    @Test("A learner without a programme has no enrolment; an empty kind is a BPV; a kind alone is no placement")
    func optionalParts() throws {
        let text = "studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,soort,bpv_start\n"
            + "1,Alleen Leerling,,,,,,\n"
            + "2,Met Bpv,VP-N4-2026,2025-2026,2025-09-01,Zorggroep,,2025-10-06\n"
            + "3,Nog Niet Geplaatst,VP-N4-2026,2025-2026,2025-09-01,,bpv,\n"

        let rows = try Fixture.read(text)

        #expect(rows[0].enrolment == nil && rows[0].placement == nil)
        #expect(rows[1].placement?.kind == .bpv)
        #expect(rows[1].placement?.endDate == nil)
        #expect(rows[2].enrolment != nil && rows[2].placement == nil)
    }

    @Test("Lines of only commas, as spreadsheets export emptied rows, are skipped")
    func blankRows() throws {
        let text = "studentnummer,naam,email\n,,\n1,A,\n , ,\n,,\n"

        let file = try LearnerCSV(data: Data(text.utf8), source: "blank.csv")
        let rows = try file.rows(resolveProgramme: Fixture.resolve)

        #expect(file.rowCount == 1)
        #expect(rows.map(\.line) == [3])
    }

    @Test("Columns the import does not use are listed; one that looks like a missing column is a warning")
    func ignoredColumns() throws {
        let text = "studentnummer,naam,klas,opleiding,cohort,startdatum,leerbedrijf,bpv_start,bpv_einde,bpv_status\n"
            + "1,A,1A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,2026-06-01,lopend\n"

        let file = try LearnerCSV(data: Data(text.utf8), source: "extra.csv")
        let rows = try file.rows(resolveProgramme: Fixture.resolve)

        #expect(file.ignoredColumns == ["klas", "bpv_einde", "bpv_status"])
        #expect(file.warnings.map(\.location) == ["extra.csv:1"])
        #expect(file.warnings.first?.message.contains("bpv_einde") == true)
        #expect(file.warnings.first?.message.contains("bpv_eind ") == true)
        #expect(rows.first?.placement?.endDate == nil)
    }

    @Test("An id column gives the learner id; the student number stays the student number")
    func idColumn() throws {
        let text = "id,studentnummer,naam\nL-1,900001,A\n,900002,B\n"

        let rows = try Fixture.read(text)

        #expect(rows.map(\.learner.id) == ["L-1", "900002"])
        #expect(rows.map(\.learner.studentNumber) == ["900001", "900002"])
    }

    @Test("The programme codes a file names are listed once each, without version")
    func programmeCodes() throws {
        let file = try LearnerCSV(contentsOf: RepositoryRoot.path("Catalogs/demo-learners.csv"))

        #expect(file.programmeCodes == ["SD-25604", "VP-N4-2026"])
        #expect(file.rowCount == 14)
    }
}
