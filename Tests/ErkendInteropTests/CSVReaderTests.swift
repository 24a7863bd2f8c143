import ErkendCore
import ErkendInterop
import Foundation
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    private func reader(_ text: String, maxCellBytes: Int = CSVReader.defaultMaxCellBytes) throws -> CSVReader {
        try CSVReader(data: Data(text.utf8), source: "test.csv", maxCellBytes: maxCellBytes)
    }

    private func cells(_ records: [CSVRecord], _ header: CSVHeader) -> [[String]] {
        let columns = header.names.compactMap { header.column(named: $0) }
        return records.map { record in columns.map { record[$0] } }
    }

    /// The error a read throws, for checking its message.
    private func failure(_ body: () throws -> Void) -> ErkendError? {
        do {
            try body()
            return nil
        } catch let error as ErkendError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test("Quoted cells keep commas, line breaks and doubled quotes")
    func quotedCells() throws {
        let reader = try reader("a,b,c\n\"x, y\",\"line one\nline two\",\"say \"\"hi\"\"\"\n")

        let records = try reader.records()

        #expect(cells(records, reader.header) == [["x, y", "line one\nline two", "say \"hi\""]])
    }

    @Test("Each record reports the physical line it starts on")
    func physicalLines() throws {
        let reader = try reader("a,b\n1,\"two\nlines\"\n2,x\n\n3,\"three\r\nmore\rlines\"\n4,y")

        let records = try reader.records()

        #expect(records.map(\.line) == [2, 4, 6, 9])
    }

    @Test("LF, CRLF and CR line endings all end records", arguments: ["\n", "\r\n", "\r"])
    func lineEndings(ending: String) throws {
        let reader = try reader(["a,b", "1,2", "3,4"].joined(separator: ending) + ending)

        let records = try reader.records()

        #expect(cells(records, reader.header) == [["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [2, 3])
    }

    @Test("A UTF-8 byte order mark is skipped, so the first column keeps its name")
    func byteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("conceptUri,label\r\nhttp://x.org/1,één\r\n".utf8)

        let reader = try CSVReader(data: data, source: "bom.csv")
        let records = try reader.records()

        let uri = try #require(reader.header.column(named: "conceptUri"))
        let label = try #require(reader.header.column(named: "label"))
        #expect(records.first?[uri] == "http://x.org/1")
        #expect(records.first?[label] == "één")
    }

    @Test("Columns are found by name, tolerating spaces around the name but not another case")
    func columnsByName() throws {
        let reader = try reader(" first ,second\n1,2\n")

        let first = reader.header.column(named: "first")
        let wrongCase = reader.header.column(named: "First")

        #expect(first?.name == "first")
        #expect(wrongCase == nil)
        #expect(try reader.records().first?[try #require(first)] == "1")
    }

    @Test("Empty cells and a trailing comma give empty strings")
    func emptyCells() throws {
        let reader = try reader("a,b,c\n,,\n1,,")

        let records = try reader.records()

        #expect(cells(records, reader.header) == [["", "", ""], ["1", "", ""]])
    }

    @Test("An unterminated quote names the line where the quoted cell began")
    func unterminatedQuote() throws {
        let reader = try reader("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")

        let error = failure { _ = try reader.records() }

        #expect(error?.code == .importFailed)
        #expect(error?.message.hasPrefix("test.csv, line 3:") == true)
        #expect(error?.message.contains("closing quote is missing") == true)
        #expect(error?.details.first?.location == "test.csv:3")
    }

    @Test("A quote inside an unquoted cell is refused with its line")
    func strayQuote() throws {
        let reader = try reader("a,b\n1,2\n3,4 \"inch\"\n")

        let error = failure { _ = try reader.records() }

        #expect(error?.message.hasPrefix("test.csv, line 3:") == true)
        #expect(error?.message.contains("quote appears inside a cell") == true)
    }

    @Test("Text after a closing quote is refused")
    func textAfterClosingQuote() throws {
        let reader = try reader("a,b\n\"1\"x,2\n")

        let error = failure { _ = try reader.records() }

        #expect(error?.message.hasPrefix("test.csv, line 2:") == true)
        #expect(error?.message.contains("follows the closing quote") == true)
    }

    @Test("A record with more or fewer cells than the header names both counts", arguments: ["1,2,3,4", "1,2"])
    func cellCount(row: String) throws {
        let reader = try reader("a,b,c\n1,2,3\n\(row)\n")

        let error = failure { _ = try reader.records() }

        let count = row.split(separator: ",").count
        #expect(error?.message.hasPrefix("test.csv, line 3:") == true)
        #expect(error?.message.contains("has \(count) cells but the header has 3 columns") == true)
    }

    @Test("A cell over the limit is refused with its size and column")
    func cellLimit() throws {
        let big = String(repeating: "x", count: 3000)
        let reader = try reader("a,b\n1,\"\(big)\"\n", maxCellBytes: 2048)

        let error = failure { _ = try reader.records() }

        #expect(error?.message.hasPrefix("test.csv, line 2, column b:") == true)
        #expect(error?.message.contains("the cell is 2.9 KiB (3000 bytes), over the limit of 2.0 KiB (2048 bytes)") == true)
    }

    @Test("Invalid UTF-8 is refused as probably Windows-1252, on the line where it is")
    func windows1252() throws {
        var bytes = Array("a,b\n1,\"first\nsecond ".utf8)
        bytes += [0x63, 0x61, 0x66, 0xE9]  // "café" in Windows-1252
        bytes += Array("\"\n".utf8)
        let reader = try CSVReader(data: Data(bytes), source: "test.csv")

        let error = failure { _ = try reader.records() }

        #expect(error?.message.hasPrefix("test.csv, line 3:") == true)
        #expect(error?.message.contains("not valid UTF-8 (byte 0xE9)") == true)
        #expect(error?.message.contains("Windows-1252") == true)
    }

    @Test("UTF-16 is recognised by its byte order mark or its NUL bytes", arguments: [
        [UInt8(0xFF), 0xFE], [0xFE, 0xFF], [],
    ])
    func utf16(bom: [UInt8]) throws {
        let bytes = bom + Array("a,b\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }

        let error = failure { _ = try CSVReader(data: Data(bytes), source: "test.csv") }

        #expect(error?.message.hasPrefix("test.csv:") == true)
        #expect(error?.message.contains("UTF-16") == true)
        #expect(error?.message.contains("Save it as UTF-8") == true)
    }

    @Test("An empty file, or one with only a byte order mark and blank lines, is refused", arguments: [
        Data(), Data([0xEF, 0xBB, 0xBF]) + Data("\r\n\n".utf8),
    ])
    func emptyFile(data: Data) throws {
        let error = failure { _ = try CSVReader(data: data, source: "test.csv") }

        #expect(error?.code == .importFailed)
        #expect(error?.message.contains("test.csv: the file is empty") == true)
    }

    @Test("A header naming a column twice is refused")
    func duplicateColumn() throws {
        let error = failure { _ = try reader("a,b,a\n1,2,3\n") }

        #expect(error?.message.contains("'a' appears twice in the header (columns 1 and 3)") == true)
    }

    @Test("A header-only file has no records")
    func headerOnly() throws {
        let reader = try reader("a,b\n")

        let records = try reader.records()

        #expect(records.isEmpty)
        #expect(reader.header.names == ["a", "b"])
    }
}
