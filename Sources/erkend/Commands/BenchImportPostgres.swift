import ArgumentParser
import ErkendCore
import ErkendInterop
import ErkendPostgres
import Foundation

/// `erkend bench import --database postgres://…`: the ESCO skills import on PostgreSQL next to psql's
/// `\copy` of the same CSV into a table of text columns without indexes, in the same run.
extension BenchImportCommand {
    func runPostgres(url: String) async throws {
        let location: PostgresLocation
        do { location = try PostgresLocation(url: url) } catch { throw CLIError("\(error)") }
        let ways: [PostgresBulkLoading]
        switch loading {
        case "both": ways = [.copy, .unnest]
        default:
            guard let way = PostgresBulkLoading(rawValue: loading) else { throw CLIError("--loading is copy, unnest or both, not '\(loading)'") }
            ways = [way]
        }
        let source = URL(fileURLWithPath: esco).appendingPathComponent("skills_en.csv")
        guard FileManager.default.fileExists(atPath: source.path) else { throw CLIError("no skills_en.csv in \(esco)") }
        guard let psql = BenchSupport.which("psql") else { throw CLIError("psql is needed for the comparison (apt-get install postgresql-client)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-\(UUID().uuidString)")
        let folder = work.appendingPathComponent("esco")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("skills_en.csv"))
        let csv = folder.appendingPathComponent("skills_en.csv").path
        let header = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline).first ?? ""
        let columns = header.split(separator: ",").indices.map { "c\($0 + 1) text" }.joined(separator: ", ")

        let client = PsqlClient(psql: psql, location: location)
        let scratch = "erkend_bench_\(getpid())"
        var shell: [Double] = []
        var erkend: [PostgresBulkLoading: [Double]] = [:]
        var reading: [Double] = []
        var skills = 0
        for run in 0..<runs {
            // psql's own \timing: only the \copy, not starting psql or connecting.
            let table = "\(scratch)_\(run)"
            let output = try client.run(["-c", "CREATE TABLE \(table) (\(columns))", "-c", "\\timing on",
                                         "-c", "\\copy \(table) FROM '\(csv)' WITH (FORMAT csv, HEADER true)", "-c", "DROP TABLE \(table)"])
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Time: ") }),
                  let milliseconds = Double(line.dropFirst(6).split(separator: " ").first ?? "") else {
                throw CLIError("psql did not report the time of \\copy: \(output)")
            }
            shell.append(milliseconds / 1000)

            for way in ways {
                let name = "\(scratch)_\(way.rawValue)_\(run)"
                try client.run(["-c", "CREATE DATABASE \(name)"])
                var target = location
                target.database = name
                do {
                    let database = try await PostgresDatabase.open(target, connections: 2)
                    let repository = PostgresTaxonomyRepository(database: database, loading: way)
                    var readSeconds = 0.0
                    let seconds = try await BenchSupport.time {
                        var batch = TaxonomyBatch()
                        readSeconds = try await BenchSupport.time { batch = try ESCOImporter.read(folder: folder) }
                        skills = try await repository.apply(batch, mode: .merge).added
                    }
                    await database.close()
                    erkend[way, default: []].append(seconds)
                    if way == ways[0] { reading.append(readSeconds) }
                } catch {
                    try? client.run(["-c", "DROP DATABASE IF EXISTS \(name)"])
                    throw error
                }
                try client.run(["-c", "DROP DATABASE \(name)"])
            }
        }

        let shellMedian = BenchSupport.median(shell)
        print("ESCO skills import on PostgreSQL (\(skills) skills from \(source.path)), median of \(runs), \(BenchSupport.machine)")
        print("  server: \(location) (\(try client.run(["-Atc", "SHOW server_version"]).trimmingCharacters(in: .whitespacesAndNewlines)))")
        print("  psql \\copy of the CSV into a table of text columns  \(BenchSupport.format(shellMedian))")
        for way in ways {
            let median = BenchSupport.median(erkend[way] ?? [])
            let ratio = median / shellMedian
            let label = way == .copy ? "erkend import, COPY FROM STDIN   " : "erkend import, INSERT … unnest    "
            print("  \(label)                  \(BenchSupport.format(median))  (\(String(format: "%.2f", ratio))× psql; limit 3×: \(ratio <= 3 ? "met" : "NOT met"))")
        }
        print("    of which reading the CSV into a batch \(BenchSupport.format(BenchSupport.median(reading)))")
    }
}

/// Runs psql against one server, the password (if any) through its environment, never its arguments.
struct PsqlClient {
    let psql: String
    let location: PostgresLocation

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", location.host, "-p", "\(location.port)",
                             "-U", location.user, "-d", location.database] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let password = location.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("psql failed: \(String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
