import ErkendCore
import ErkendInterop
import Testing

/// Every mistake a learner file can hold is refused with the file, the line,
/// the column and what to do; nothing is returned when any row is wrong.
@Suite("Learner CSV on bad input")
struct LearnerCSVBadInputTests {
    private typealias Fixture = LearnerCSVFixture

    /// The error reading `text` gives; fails the test when it reads.
    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ErkendError {
        let error = try #require(Fixture.failure(text), "the file was accepted", sourceLocation: sourceLocation)
        #expect(error.code == .importFailed, sourceLocation: sourceLocation)
        return error
    }

    private func file(_ rows: String...) -> String {
        ([Fixture.header] + rows).joined(separator: "\n") + "\n"
    }

    @Test("A missing required column is named, with its English name, at line 1")
    func missingColumn() throws {
        let error = try failure("studentnummer,email\n900001,a@b.example\n")

        #expect(error.description.contains("bad.csv, line 1, column naam (or name): the column is missing"))
    }

    @Test("An enrolment column without the others is refused: opleiding needs cohort and startdatum")
    func partialEnrolmentColumns() throws {
        let error = try failure("studentnummer,naam,opleiding\n900001,A,SD-25604\n")

        #expect(error.details.map(\.location) == ["bad.csv:1", "bad.csv:1"])
        #expect(error.description.contains("column cohort: the column is missing"))
        #expect(error.description.contains("column startdatum (or start_date): the column is missing"))
    }

    @Test("Two columns for one thing are refused")
    func duplicateColumns() throws {
        let error = try failure("studentnummer,naam,name\n900001,A,A\n")

        #expect(error.description.contains("bad.csv, line 1, column name: this column and 'naam' both give the naam"))
    }

    @Test("A mentor detail column without the mentor's name column is refused")
    func mentorColumnWithoutName() throws {
        let error = try failure("studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,praktijkopleider_email_2\n"
                                + "1,A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,x@acme.example\n")

        #expect(error.description.contains("bad.csv, line 1, column praktijkopleider_2: the column is missing"))
    }

    @Test("A school mentor's column in an administration export is refused with how to leave it out")
    func schoolMentorColumn() throws {
        let error = try failure("studentnummer,naam,opleiding,cohort,startdatum,mentor\n1,A,SD-25604,2025-2026,2025-09-01,Meneer Coach\n")

        #expect(error.description.contains("bad.csv:1: column leerbedrijf (or workplace): the column is missing; a placement needs leerbedrijf and bpv_start"))
        #expect(error.description.contains("rename a column with the school's mentor (coach, SLB) to leave it out"))
    }

    @Test("A misspelled mentor column is refused with the columns a mentor has")
    func unknownMentorColumn() throws {
        let error = try failure("studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,praktijkopleider,praktijkopleider_emial\n"
                                + "1,A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Karin,k@acme.example\n")

        #expect(error.description.contains("bad.csv, line 1, column praktijkopleider_emial: this column is not known"))
        #expect(error.description.contains("praktijkopleider_email"))
    }

    @Test("An empty name is refused at its line")
    func emptyName() throws {
        let error = try failure(file(Fixture.row(), Fixture.row("900002", name: " ")))

        #expect(error.description == "bad.csv, line 3, column naam: the name is empty; every learner needs a name")
        #expect(error.details.map(\.location) == ["bad.csv:3"])
    }

    @Test("An empty student number is refused")
    func emptyStudentNumber() throws {
        let error = try failure("studentnummer,naam\n,A\n")

        #expect(error.description.contains("bad.csv, line 2, column studentnummer: the student number is empty"))
    }

    @Test("A date that is not a day is refused with the forms to write it in")
    func invalidDate() throws {
        let error = try failure(file(Fixture.row(birth: "2008-13-01")))

        #expect(error.description.contains("bad.csv, line 2, column geboortedatum: '2008-13-01' is not a day of the calendar"))
        #expect(error.description.contains("YYYY-MM-DD"))
    }

    @Test("A date in month-first or another form is refused")
    func unreadableDate() throws {
        let error = try failure(file(Fixture.row(start: "02/30/2026")))

        #expect(error.description.contains("bad.csv, line 2, column bpv_start: '02/30/2026' is not a day of the calendar; write it as YYYY-MM-DD"))
        let words = try failure(file(Fixture.row(end: "eind juni")))
        #expect(words.description.contains("bad.csv, line 2, column bpv_eind: 'eind juni' is not a date; write it as YYYY-MM-DD"))
    }

    @Test("A placement that ends before it starts is refused")
    func endBeforeStart() throws {
        let error = try failure(file(Fixture.row(start: "2026-02-02", end: "2026-01-30")))

        #expect(error.description == "bad.csv, line 2, column bpv_eind: the placement ends (2026-01-30) before it starts (2026-02-02)")
    }

    @Test("A placement without an enrolment is refused")
    func placementWithoutEnrolment() throws {
        let error = try failure(file(Fixture.row(programme: "")))

        #expect(error.description.contains("bad.csv, line 2, column opleiding: the programme is empty, but the row places the learner at Pixelpolder Software B.V."))
        #expect(error.description.contains("a placement belongs to an enrolment"))
    }

    @Test("A placement file without enrolment columns is refused at its header")
    func placementColumnsWithoutEnrolmentColumns() throws {
        let error = try failure("studentnummer,naam,leerbedrijf,bpv_start\n1,A,Acme,2026-02-02\n")

        #expect(error.description.contains("bad.csv, line 1, column opleiding (or programme): the column is missing; a placement belongs to an enrolment"))
    }

    @Test("An unknown kind of placement is refused with the kinds allowed")
    func unknownKind() throws {
        let error = try failure(file(Fixture.row(kind: "snuffelstage")))

        #expect(error.description == "bad.csv, line 2, column soort: 'snuffelstage' is not a kind of placement; use bpv, stage, leerbaan or other")
    }

    @Test("A programme that does not resolve is refused with the resolver's reason")
    func unresolvedProgramme() throws {
        let error = try failure(file(Fixture.row(programme: "SD-99999")))

        #expect(error.description == "bad.csv, line 2, column opleiding: programme SD-99999 is not in the catalogue; check the code, or import the catalogue first")
    }

    @Test("The same student number on two rows is refused at the second, naming the first")
    func duplicateStudentNumber() throws {
        let error = try failure(file(Fixture.row(), Fixture.row("900002"), Fixture.row()))

        #expect(error.description == "bad.csv, line 4, column studentnummer: student number 900001 is also on line 2; give each learner one row")
    }

    @Test("An e-mail address that is not one is refused, for learners and mentors alike")
    func invalidEmail() throws {
        let error = try failure("studentnummer,naam,email,opleiding,cohort,startdatum,leerbedrijf,bpv_start,mentor,mentor_email\n"
                                + "1,A,a at school,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Karin,karin@acme\n")

        #expect(error.details.map(\.message) == ["column email: 'a at school' is not an e-mail address",
                                                 "column mentor_email: 'karin@acme' is not an e-mail address"])
    }

    @Test("Two mentors with one e-mail address are refused: it would make them one person")
    func sharedMentorEmail() throws {
        let error = try failure("studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,mentor,mentor_email\n"
                                + "1,A,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Karin,bpv@acme.example\n"
                                + "2,B,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Ruben,bpv@acme.example\n")

        #expect(error.description.contains("bad.csv, line 3, column mentor: bpv@acme.example is Karin's on line 2, not Ruben's"))
    }

    @Test("Every problem of every row is reported together, and nothing is returned")
    func problemsAreCollected() throws {
        let error = try failure(file(
            Fixture.row(name: ""),
            Fixture.row("900002", programme: "SD-99999", kind: "x"),
            Fixture.row("900003", end: "2026-01-01"),
            Fixture.row("900002")))

        #expect(error.message == "bad.csv has 5 problems; nothing was imported")
        #expect(error.details.map(\.location) == ["bad.csv:2", "bad.csv:3", "bad.csv:3", "bad.csv:4", "bad.csv:5"])
        #expect(error.details.map(\.message) == [
            "column naam: the name is empty; every learner needs a name",
            "column opleiding: programme SD-99999 is not in the catalogue; check the code, or import the catalogue first",
            "column soort: 'x' is not a kind of placement; use bpv, stage, leerbaan or other",
            "column bpv_eind: the placement ends (2026-01-01) before it starts (2026-02-02)",
            "column studentnummer: student number 900002 is also on line 3; give each learner one row",
        ])
    }

    @Test("A file with a header and no learners is refused")
    func noLearners() throws {
        let error = try failure(Fixture.header + "\n")

        #expect(error.description.contains("bad.csv, line 2: the file has a header but no learners"))
    }

    // MARK: Files the CSV reader refuses

    @Test("A Windows-1252 file is refused at the line of the first byte that is not UTF-8")
    func windows1252() throws {
        let bytes = Array("studentnummer,naam\n900001,Zo".utf8) + [0xEB] + Array("\n".utf8)

        let error = try #require(Fixture.failure(bytes: bytes))

        #expect(error.description.contains("bad.csv, line 2: the file is not valid UTF-8"))
    }

    @Test("A UTF-16 file is refused with how to save it")
    func utf16() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + "studentnummer,naam\n1,A\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }

        let error = try #require(Fixture.failure(bytes: bytes))

        #expect(error.description.contains("bad.csv: the file is UTF-16 encoded"))
    }

    @Test("A file separated by semicolons is refused at its header")
    func semicolons() throws {
        let error = try failure("studentnummer;naam;opleiding\n900001;Els Proef;SD-25604\n")

        #expect(error.description == "bad.csv, line 1: the columns are separated by semicolons, as Excel saves CSV with Dutch settings; "
                + "save the file comma-separated (or replace the separators) and import it again")
    }

    @Test("A quote left open is refused at the line it opens")
    func unterminatedQuote() throws {
        let error = try failure(file(Fixture.row(), "900002,\"Els Proef,900002@student.example", Fixture.row("900003")))

        #expect(error.description.contains("bad.csv, line 3: a quoted cell starts here but its closing quote is missing"))
    }
}
