import ArgumentParser
import Foundation
import LinkedData

/// `erkend rdf canonicalize FILE`: the RDFC-1.0 canonical N-Quads of a JSON-LD
/// document or an N-Quads file — the bytes an `eddsa-rdfc-2022` signature covers.
struct RDFCanonicalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Print the RDFC-1.0 canonical N-Quads of a JSON-LD document (or an N-Quads file).",
        discussion: """
            Files ending in .nq or .nquads are read as N-Quads; anything else as JSON-LD, with the contexts bundled in Erkend (and --contexts folders). Contexts are never fetched from the network.

            For a signed credential, --part document gives the bytes the proof signs and --part proof the proof configuration; the default canonicalizes the file as it is.

            Exit status: 0 success, 1 --safe found undefined terms, 2 the input could not be processed.
            """
    )

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case all, document, proof
    }

    @Argument(help: "A JSON-LD document, or N-Quads (.nq, .nquads); '-' reads JSON-LD from standard input.")
    var file: String

    @Flag(help: "Report properties, types, @ids and language tags the contexts leave undefined (they would not be signed) on standard error and exit 1.")
    var safe = false

    @Flag(help: "Also print the issued identifier map (input blank node → canonical label) on standard error.")
    var map = false

    @Option(help: "Which part of a signed credential: all (the file as is), document (without proof), proof (the proof configuration).")
    var part: Part = .all

    @Option(name: .customLong("contexts"), help: "A folder with an index.json (context URL → file) to load contexts from, before the bundled ones. Repeatable.")
    var contextFolders: [String] = []

    @Option(help: "Base IRI for relative IRIs in the document.")
    var base: String?

    @Option(help: "Hash algorithm for RDFC-1.0: SHA256 or SHA384.")
    var hash: String = "SHA256"

    func run() async throws {
        do {
            try canonicalize()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("erkend rdf canonicalize: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func canonicalize() throws {
        guard let algorithm = RDFC10.HashAlgorithm(rawValue: hash.uppercased().replacingOccurrences(of: "-", with: "")) else {
            throw CommandFailure("unknown hash algorithm \(hash) (use SHA256 or SHA384)")
        }
        let rdfcOptions = RDFC10.Options(hashAlgorithm: algorithm)
        let data = try readInput()
        var violations: [SafeModeViolation] = []
        let result: RDFC10.Result
        if file.hasSuffix(".nq") || file.hasSuffix(".nquads") {
            result = try RDFC10.canonicalize(NQuads.parse(String(decoding: data, as: UTF8.self)), options: rdfcOptions)
        } else {
            let document = try select(part, of: JSONParser.parse(data))
            let loader = try BundledContexts.loader(adding: contextFolders.map { URL(fileURLWithPath: $0) })
            let options = JSONLD.Options(documentLoader: loader, base: base)
            if safe { violations = try JSONLD.safeModeViolations(in: document, options: options) }
            result = try RDFC10.canonicalize(JSONLD.toRDF(document, options: options), options: rdfcOptions)
        }
        FileHandle.standardOutput.write(Data(result.nquads.utf8))
        if map {
            for (input, canonical) in result.issuedIdentifiers.sorted(by: { $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }) {
                FileHandle.standardError.write(Data("_:\(input) -> _:\(canonical)\n".utf8))
            }
        }
        if !violations.isEmpty {
            for violation in violations {
                FileHandle.standardError.write(Data("not signed: \(violation)\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    private func readInput() throws -> Data {
        if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
        return data
    }

    /// The document without its proof, or the proof configuration (the
    /// proof without `proofValue`, with the document's `@context`), as
    /// vc-data-integrity defines them.
    private func select(_ part: Part, of value: JSONValue) throws -> JSONValue {
        guard part != .all else { return value }
        guard case .object(var document) = value else { throw CommandFailure("--part needs a JSON object") }
        let proofs = document.removeValue(forKey: "proof")
        if part == .document { return .object(document) }
        guard let proofs, case .object(var proof) = proofs.arrayValue?.first ?? proofs else {
            throw CommandFailure("the document has no proof")
        }
        proof.removeValue(forKey: "proofValue")
        if let context = document["@context"] { proof["@context"] = context }
        return .object(proof)
    }
}

/// A failure of an `erkend rdf` command, printed as one line.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
