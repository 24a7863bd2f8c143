internal import Crypto

/// One run of RDFC-1.0 over one dataset (specification §4.4 onwards).
///
/// Blank nodes are handled by label throughout; the quads are deduplicated
/// first because the algorithm is defined on the dataset as a set.
struct Canonicalizer {
    let quads: [RDFQuad]
    let hashAlgorithm: RDFC10.HashAlgorithm
    let maxWork: Int
    /// Blank node label → indices of the quads it occurs in (each quad once).
    var quadsByBlankNode: [String: [Int]] = [:]
    /// Blank nodes in order of first occurrence (subject, object, graph of each quad).
    var blankNodes: [String] = []
    var firstDegreeHashes: [String: String] = [:]
    var canonicalIssuer = IdentifierIssuer(prefix: "c14n")
    var work = 0

    init(dataset: RDFDataset, options: RDFC10.Options) {
        var seen = Set<RDFQuad>()
        var unique: [RDFQuad] = []
        unique.reserveCapacity(dataset.quads.count)
        for quad in dataset.quads where seen.insert(quad).inserted { unique.append(quad) }
        quads = unique
        hashAlgorithm = options.hashAlgorithm
        for (index, quad) in unique.enumerated() {
            for term in [quad.subject, quad.object, quad.graph] {
                guard let label = term?.blankNodeLabel else { continue }
                if var list = quadsByBlankNode[label] {
                    if list.last != index {
                        list.append(index)
                        quadsByBlankNode[label] = list
                    }
                } else {
                    quadsByBlankNode[label] = [index]
                    blankNodes.append(label)
                }
            }
        }
        maxWork = options.maxWork ?? RDFC10.defaultWorkLimit(blankNodes: blankNodes.count)
    }

    mutating func run() throws(RDFC10Error) -> RDFC10.Result {
        // Steps 3–4: first-degree hashes; blank nodes with a unique hash are named at once.
        var blankNodesByHash: [String: [String]] = [:]
        for node in blankNodes {
            let hash = hashFirstDegreeQuads(node)
            firstDegreeHashes[node] = hash
            blankNodesByHash[hash, default: []].append(node)
        }
        let sortedHashes = blankNodesByHash.keys.sorted(by: codePointLess)
        var shared: [String] = []
        for hash in sortedHashes {
            let nodes = blankNodesByHash[hash]!
            if nodes.count == 1 {
                canonicalIssuer.issue(nodes[0])
            } else {
                shared.append(hash)
            }
        }
        // Step 5: blank nodes sharing a first-degree hash are told apart by their surroundings.
        for hash in shared {
            var results: [(hash: String, issuer: IdentifierIssuer)] = []
            for node in blankNodesByHash[hash]! where canonicalIssuer.identifier(for: node) == nil {
                var temporary = IdentifierIssuer(prefix: "b")
                temporary.issue(node)
                results.append(try hashNDegreeQuads(node, issuer: temporary))
            }
            let ordered = stableSorted(results) { codePointLess($0.hash, $1.hash) }
            for result in ordered {
                for existing in result.issuer.order { canonicalIssuer.issue(existing) }
            }
        }
        // Steps 6–7: relabel, serialize, sort.
        var lines: [(quad: RDFQuad, bytes: [UInt8])] = []
        lines.reserveCapacity(quads.count)
        for quad in quads {
            let relabelled = RDFQuad(
                subject: relabel(quad.subject),
                predicate: relabel(quad.predicate),
                object: relabel(quad.object),
                graph: quad.graph.map(relabel))
            var bytes: [UInt8] = []
            NQuads.appendQuad(relabelled, to: &bytes)
            lines.append((relabelled, bytes))
        }
        lines.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var text: [UInt8] = []
        text.reserveCapacity(lines.reduce(0) { $0 + $1.bytes.count })
        var canonicalQuads: [RDFQuad] = []
        for (i, line) in lines.enumerated() where i == 0 || line.bytes != lines[i - 1].bytes {
            text.append(contentsOf: line.bytes)
            canonicalQuads.append(line.quad)
        }
        return RDFC10.Result(
            quads: canonicalQuads,
            nquads: String(decoding: text, as: UTF8.self),
            issuedIdentifiers: canonicalIssuer.issued,
            work: work)
    }

    func relabel(_ term: RDFTerm) -> RDFTerm {
        if case .blankNode(let label) = term { return .blankNode(canonicalIssuer.identifier(for: label)!) }
        return term
    }

    func codePointLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    func hexDigest(_ bytes: some Sequence<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        switch hashAlgorithm {
        case .sha256:
            var hasher = SHA256()
            hasher.update(data: Array(bytes))
            for b in hasher.finalize() { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)]) }
        case .sha384:
            var hasher = SHA384()
            hasher.update(data: Array(bytes))
            for b in hasher.finalize() { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// §4.6: the hash of a blank node's quads with itself written `_:a` and
    /// every other blank node `_:z`.
    func hashFirstDegreeQuads(_ node: String) -> String {
        var lines: [[UInt8]] = []
        for index in quadsByBlankNode[node]! {
            let quad = quads[index]
            var bytes: [UInt8] = []
            appendMasked(quad.subject, reference: node, to: &bytes)
            bytes.append(0x20)
            appendMasked(quad.predicate, reference: node, to: &bytes)
            bytes.append(0x20)
            appendMasked(quad.object, reference: node, to: &bytes)
            if let graph = quad.graph {
                bytes.append(0x20)
                appendMasked(graph, reference: node, to: &bytes)
            }
            bytes.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
            lines.append(bytes)
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        return hexDigest(lines.joined())
    }

    private func appendMasked(_ term: RDFTerm, reference: String, to bytes: inout [UInt8]) {
        if case .blankNode(let label) = term {
            bytes.append(contentsOf: label == reference ? Array("_:a".utf8) : Array("_:z".utf8))
        } else {
            NQuads.appendTerm(term, to: &bytes)
        }
    }

    /// §4.7: the hash describing how a related blank node is attached.
    func hashRelatedBlankNode(_ related: String, quad: RDFQuad, issuer: IdentifierIssuer, position: UInt8) -> String {
        var input: [UInt8] = [position]
        if position != UInt8(ascii: "g") {
            if case .iri(let predicate) = quad.predicate {
                input.append(UInt8(ascii: "<"))
                input.append(contentsOf: predicate.utf8)
                input.append(UInt8(ascii: ">"))
            } else {
                NQuads.appendTerm(quad.predicate, to: &input)
            }
        }
        if let id = canonicalIssuer.identifier(for: related) ?? issuer.identifier(for: related) {
            input.append(contentsOf: "_:".utf8)
            input.append(contentsOf: id.utf8)
        } else {
            input.append(contentsOf: firstDegreeHashes[related]!.utf8)
        }
        return hexDigest(input)
    }

    mutating func spend() throws(RDFC10Error) {
        work += 1
        if work > maxWork {
            throw RDFC10Error(
                code: .workLimitExceeded,
                message: "canonicalizing \(blankNodes.count) blank nodes needed more than \(maxWork) steps of Hash N-Degree Quads; the dataset looks like a poison graph")
        }
    }

    /// §4.8: the hash of a blank node's surroundings, exploring the related
    /// blank nodes in every order and keeping the smallest result.
    mutating func hashNDegreeQuads(_ node: String, issuer startIssuer: IdentifierIssuer) throws(RDFC10Error) -> (hash: String, issuer: IdentifierIssuer) {
        try spend()
        var issuer = startIssuer
        var relatedByHash: [String: [String]] = [:]
        for index in quadsByBlankNode[node]! {
            let quad = quads[index]
            let components: [(RDFTerm?, UInt8)] = [(quad.subject, UInt8(ascii: "s")), (quad.object, UInt8(ascii: "o")), (quad.graph, UInt8(ascii: "g"))]
            for (term, position) in components {
                guard let related = term?.blankNodeLabel, related != node else { continue }
                let hash = hashRelatedBlankNode(related, quad: quad, issuer: issuer, position: position)
                relatedByHash[hash, default: []].append(related)
            }
        }
        var dataToHash: [UInt8] = []
        for relatedHash in relatedByHash.keys.sorted(by: codePointLess) {
            dataToHash.append(contentsOf: relatedHash.utf8)
            var chosenPath: [UInt8] = []
            var chosenIssuer: IdentifierIssuer? = nil
            var permutations = Permutations(relatedByHash[relatedHash]!)
            permutationLoop: while let permutation = permutations.next() {
                try spend()
                var issuerCopy = issuer
                var path: [UInt8] = []
                var recursionList: [String] = []
                for related in permutation {
                    if let id = canonicalIssuer.identifier(for: related) {
                        path.append(contentsOf: "_:".utf8)
                        path.append(contentsOf: id.utf8)
                    } else {
                        if issuerCopy.identifier(for: related) == nil { recursionList.append(related) }
                        path.append(contentsOf: "_:".utf8)
                        path.append(contentsOf: issuerCopy.issue(related).utf8)
                    }
                    if worse(path, than: chosenPath) { continue permutationLoop }
                }
                for related in recursionList {
                    let result = try hashNDegreeQuads(related, issuer: issuerCopy)
                    path.append(contentsOf: "_:".utf8)
                    path.append(contentsOf: issuerCopy.issue(related).utf8)
                    path.append(UInt8(ascii: "<"))
                    path.append(contentsOf: result.hash.utf8)
                    path.append(UInt8(ascii: ">"))
                    issuerCopy = result.issuer
                    if worse(path, than: chosenPath) { continue permutationLoop }
                }
                if chosenIssuer == nil || path.lexicographicallyPrecedes(chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            }
            dataToHash.append(contentsOf: chosenPath)
            issuer = chosenIssuer!
        }
        return (hexDigest(dataToHash), issuer)
    }

    /// The early exit of §4.8.3 step 5.4.4.3: a path that is already at least
    /// as long as the chosen one and sorts after it can never win.
    private func worse(_ path: [UInt8], than chosen: [UInt8]) -> Bool {
        !chosen.isEmpty && path.count >= chosen.count && chosen.lexicographicallyPrecedes(path)
    }
}
