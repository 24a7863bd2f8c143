internal import Crypto

/// One run of RDFC-1.0 over one dataset (specification §4.4 onwards).
///
/// Blank nodes are numbered `0..<n` internally and hashes kept as bytes, so
/// the inner loops of Hash N-Degree Quads (which a ring of look-alike blank
/// nodes enters n² times) touch integers rather than hash strings.
struct Canonicalizer {
    /// The quads, without duplicates among those that contain blank nodes.
    let quads: [RDFQuad]
    let hashAlgorithm: RDFC10.HashAlgorithm
    let maxWork: Int
    let maxRecursionDepth: Int
    var recursionDepth = 0
    /// Blank node number → its label in the input, in order of first occurrence.
    var labels: [String] = []
    /// Blank node number → indices of the quads it occurs in (each quad once).
    var quadsOfNode: [[Int]] = []
    /// Quad index → blank node numbers of subject, object and graph (-1: not a blank node).
    var blankComponents: [(s: Int, o: Int, g: Int)] = []
    /// Blank node number → first-degree hash (lowercase hex bytes).
    var firstDegreeHashes: [[UInt8]] = []
    /// Blank node number → canonical number (`c14nN`), or -1.
    var canonicalIDs: [Int] = []
    /// Blank node numbers in the order canonical identifiers were issued.
    var canonicalOrder: [Int] = []
    var work = 0

    init(dataset: RDFDataset, options: RDFC10.Options) {
        hashAlgorithm = options.hashAlgorithm
        // Duplicates only matter where they would be hashed twice: in the quads
        // of a blank node. Other duplicates disappear when the output is sorted.
        var seen = Set<RDFQuad>()
        var unique: [RDFQuad] = []
        unique.reserveCapacity(dataset.quads.count)
        var numbers: [String: Int] = [:]
        var labels: [String] = []
        var quadsOfNode: [[Int]] = []
        var components: [(s: Int, o: Int, g: Int)] = []
        func number(_ term: RDFTerm?, quad index: Int) -> Int {
            guard let label = term?.blankNodeLabel else { return -1 }
            let n: Int
            if let existing = numbers[label] {
                n = existing
            } else {
                n = labels.count
                numbers[label] = n
                labels.append(label)
                quadsOfNode.append([])
            }
            if quadsOfNode[n].last != index { quadsOfNode[n].append(index) }
            return n
        }
        for quad in dataset.quads {
            let hasBlankNode = quad.subject.isBlankNode || quad.object.isBlankNode || quad.graph?.isBlankNode == true
            if hasBlankNode && !seen.insert(quad).inserted { continue }
            let index = unique.count
            unique.append(quad)
            components.append((number(quad.subject, quad: index), number(quad.object, quad: index), number(quad.graph, quad: index)))
        }
        quads = unique
        self.labels = labels
        self.quadsOfNode = quadsOfNode
        blankComponents = components
        canonicalIDs = Array(repeating: -1, count: labels.count)
        maxWork = options.maxWork ?? RDFC10.defaultWorkLimit(blankNodes: labels.count)
        maxRecursionDepth = options.maxRecursionDepth
    }

    mutating func run() throws(RDFC10Error) -> RDFC10.Result {
        // Steps 3–4: first-degree hashes; blank nodes with a unique hash are named at once.
        firstDegreeHashes = labels.indices.map(hashFirstDegreeQuads)
        var nodesByHash: [[UInt8]: [Int]] = [:]
        for node in labels.indices { nodesByHash[firstDegreeHashes[node], default: []].append(node) }
        let sortedHashes = nodesByHash.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var shared: [[UInt8]] = []
        for hash in sortedHashes {
            let nodes = nodesByHash[hash]!
            if nodes.count == 1 {
                issueCanonical(nodes[0])
            } else {
                shared.append(hash)
            }
        }
        // Step 5: blank nodes sharing a first-degree hash are told apart by their surroundings.
        for hash in shared {
            var results: [(hash: [UInt8], issuer: TemporaryIssuer)] = []
            for node in nodesByHash[hash]! where canonicalIDs[node] < 0 {
                var temporary = TemporaryIssuer()
                temporary.issue(node)
                results.append(try hashNDegreeQuads(node, issuer: temporary))
            }
            // A stable sort: equal hashes keep the order of first occurrence.
            let ordered = results.indices.sorted { a, b in
                if results[a].hash == results[b].hash { return a < b }
                return results[a].hash.lexicographicallyPrecedes(results[b].hash)
            }
            for i in ordered {
                for node in results[i].issuer.order where canonicalIDs[node] < 0 { issueCanonical(node) }
            }
        }
        return output()
    }

    private mutating func issueCanonical(_ node: Int) {
        canonicalIDs[node] = canonicalOrder.count
        canonicalOrder.append(node)
    }

    /// Steps 6–7: relabel, serialize, sort.
    private func output() -> RDFC10.Result {
        var canonicalLabels: [String] = labels.indices.map { "c14n\(canonicalIDs[$0])" }
        func relabel(_ term: RDFTerm, _ node: Int) -> RDFTerm {
            node >= 0 ? .blankNode(canonicalLabels[node]) : term
        }
        var relabelled: [RDFQuad] = []
        var lines: [[UInt8]] = []
        relabelled.reserveCapacity(quads.count)
        lines.reserveCapacity(quads.count)
        for (index, quad) in quads.enumerated() {
            let blanks = blankComponents[index]
            let canonical = RDFQuad(
                subject: relabel(quad.subject, blanks.s), predicate: quad.predicate, object: relabel(quad.object, blanks.o),
                graph: quad.graph.map { relabel($0, blanks.g) })
            var bytes: [UInt8] = []
            NQuads.appendQuad(canonical, to: &bytes)
            relabelled.append(canonical)
            lines.append(bytes)
        }
        let order = lines.indices.sorted { lines[$0].lexicographicallyPrecedes(lines[$1]) }
        var text: [UInt8] = []
        text.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        var canonicalQuads: [RDFQuad] = []
        canonicalQuads.reserveCapacity(order.count)
        var previous: Int? = nil
        for index in order {
            if let previous, lines[previous] == lines[index] { continue }
            text.append(contentsOf: lines[index])
            canonicalQuads.append(relabelled[index])
            previous = index
        }
        var issued: [String: String] = [:]
        for (node, label) in labels.enumerated() { issued[label] = canonicalLabels[node] }
        canonicalLabels.removeAll()
        return RDFC10.Result(quads: canonicalQuads, nquads: String(decoding: text, as: UTF8.self), issuedIdentifiers: issued, work: work)
    }

    private func hexDigest(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        func appendHex<D: Sequence<UInt8>>(_ digest: D) {
            for b in digest {
                out.append(Self.hex[Int(b >> 4)])
                out.append(Self.hex[Int(b & 0xF)])
            }
        }
        switch hashAlgorithm {
        case .sha256: appendHex(SHA256.hash(data: bytes))
        case .sha384: appendHex(SHA384.hash(data: bytes))
        }
        return out
    }

    private static let hex = Array("0123456789abcdef".utf8)
    private static let selfLabel = Array("_:a".utf8)
    private static let otherLabel = Array("_:z".utf8)
    private static let blankPrefix = Array("_:".utf8)

    /// §4.6: the hash of a blank node's quads with itself written `_:a` and
    /// every other blank node `_:z`.
    private func hashFirstDegreeQuads(_ node: Int) -> [UInt8] {
        var lines: [[UInt8]] = []
        for index in quadsOfNode[node] {
            let quad = quads[index]
            let blanks = blankComponents[index]
            var bytes: [UInt8] = []
            appendMasked(quad.subject, blanks.s, reference: node, to: &bytes)
            bytes.append(0x20)
            NQuads.appendTerm(quad.predicate, to: &bytes)
            bytes.append(0x20)
            appendMasked(quad.object, blanks.o, reference: node, to: &bytes)
            if let graph = quad.graph {
                bytes.append(0x20)
                appendMasked(graph, blanks.g, reference: node, to: &bytes)
            }
            bytes.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
            lines.append(bytes)
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        return hexDigest(Array(lines.joined()))
    }

    private func appendMasked(_ term: RDFTerm, _ blank: Int, reference: Int, to bytes: inout [UInt8]) {
        if blank >= 0 {
            bytes.append(contentsOf: blank == reference ? Self.selfLabel : Self.otherLabel)
        } else {
            NQuads.appendTerm(term, to: &bytes)
        }
    }

    /// Appends `_:c14nN`, or `_:bN` from the issuer, if `node` has either.
    private func appendIdentifier(of node: Int, issuer: TemporaryIssuer, to bytes: inout [UInt8]) -> Bool {
        if canonicalIDs[node] >= 0 {
            bytes.append(contentsOf: Self.blankPrefix)
            bytes.append(contentsOf: "c14n\(canonicalIDs[node])".utf8)
            return true
        }
        if let id = issuer.identifier(for: node) {
            bytes.append(contentsOf: Self.blankPrefix)
            bytes.append(contentsOf: "b\(id)".utf8)
            return true
        }
        return false
    }

    /// §4.7: the hash describing how a related blank node is attached.
    private func hashRelatedBlankNode(_ related: Int, quad: RDFQuad, issuer: TemporaryIssuer, position: UInt8) -> [UInt8] {
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
        if !appendIdentifier(of: related, issuer: issuer, to: &input) {
            input.append(contentsOf: firstDegreeHashes[related])
        }
        return hexDigest(input)
    }

    private mutating func spend() throws(RDFC10Error) {
        work += 1
        if work > maxWork {
            throw RDFC10Error(
                code: .workLimitExceeded,
                message: "canonicalizing \(labels.count) blank nodes needed more than \(maxWork) steps of Hash N-Degree Quads; the dataset looks like a poison graph")
        }
    }

    /// §4.8: the hash of a blank node's surroundings, exploring the related
    /// blank nodes in every order and keeping the smallest result.
    ///
    /// The issuer is moved wherever the algorithm no longer needs the old one,
    /// so a long chain of recursive calls (a ring of look-alike blank nodes)
    /// extends one issuer instead of copying it at every step.
    private mutating func hashNDegreeQuads(_ node: Int, issuer startIssuer: consuming TemporaryIssuer) throws(RDFC10Error) -> (
        hash: [UInt8], issuer: TemporaryIssuer
    ) {
        try spend()
        recursionDepth += 1
        defer { recursionDepth -= 1 }
        if recursionDepth > maxRecursionDepth {
            throw RDFC10Error(
                code: .recursionLimitExceeded,
                message: "Hash N-Degree Quads recursed deeper than \(maxRecursionDepth) levels (a long chain or ring of \(labels.count) look-alike blank nodes)")
        }
        var issuer = consume startIssuer
        var related: [(hash: [UInt8], node: Int)] = []
        for index in quadsOfNode[node] {
            let quad = quads[index]
            let blanks = blankComponents[index]
            for (other, position) in [(blanks.s, UInt8(ascii: "s")), (blanks.o, UInt8(ascii: "o")), (blanks.g, UInt8(ascii: "g"))]
            where other >= 0 && other != node {
                related.append((hashRelatedBlankNode(other, quad: quad, issuer: issuer, position: position), other))
            }
        }
        // Group by hash, groups in hash order, members in order of discovery.
        let order = related.indices.sorted { a, b in
            if related[a].hash == related[b].hash { return a < b }
            return related[a].hash.lexicographicallyPrecedes(related[b].hash)
        }
        var dataToHash: [UInt8] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && related[order[end]].hash == related[order[start]].hash { end += 1 }
            let hash = related[order[start]].hash
            let group = order[start..<end].map { related[$0].node }
            start = end
            dataToHash.append(contentsOf: hash)
            if group.count == 1 {
                // One permutation only: nothing to compare, so no copy of the issuer is needed.
                let (path, extended) = try pathThrough(group, issuer: consume issuer, bound: [])!
                dataToHash.append(contentsOf: path)
                issuer = extended
                continue
            }
            var chosen: (path: [UInt8], issuer: TemporaryIssuer)? = nil
            var permutations = Permutations(group.map { labels[$0] })
            let numberOf = Dictionary(group.map { (labels[$0], $0) }, uniquingKeysWith: { first, _ in first })
            while let permutation = permutations.next() {
                try spend()
                let nodes = permutation.map { numberOf[$0]! }
                guard let candidate = try pathThrough(nodes, issuer: issuer, bound: chosen?.path ?? []) else { continue }
                if chosen == nil || candidate.path.lexicographicallyPrecedes(chosen!.path) { chosen = candidate }
            }
            dataToHash.append(contentsOf: chosen!.path)
            issuer = chosen!.issuer
        }
        return (hexDigest(dataToHash), issuer)
    }

    /// Steps 5.4.4–5.4.5 for one permutation: the path through the related
    /// blank nodes in this order, or `nil` as soon as it cannot beat `bound`.
    private mutating func pathThrough(
        _ permutation: [Int], issuer startIssuer: consuming TemporaryIssuer, bound: [UInt8]
    ) throws(RDFC10Error) -> (path: [UInt8], issuer: TemporaryIssuer)? {
        var issuer = consume startIssuer
        var path: [UInt8] = []
        var recursionList: [Int] = []
        for related in permutation {
            if canonicalIDs[related] < 0 && issuer.identifier(for: related) == nil {
                recursionList.append(related)
                issuer.issue(related)
            }
            _ = appendIdentifier(of: related, issuer: issuer, to: &path)
            if worse(path, than: bound) { return nil }
        }
        for related in recursionList {
            // `related` was issued above, so the returned issuer (which only
            // extends this one) knows its identifier.
            let result = try hashNDegreeQuads(related, issuer: consume issuer)
            issuer = result.issuer
            _ = appendIdentifier(of: related, issuer: issuer, to: &path)
            path.append(UInt8(ascii: "<"))
            path.append(contentsOf: result.hash)
            path.append(UInt8(ascii: ">"))
            if worse(path, than: bound) { return nil }
        }
        return (path, issuer)
    }

    /// The early exit of §4.8.3 step 5.4.4.3: a path that is already at least
    /// as long as the chosen one and sorts after it can never win.
    private func worse(_ path: [UInt8], than chosen: [UInt8]) -> Bool {
        !chosen.isEmpty && path.count >= chosen.count && chosen.lexicographicallyPrecedes(path)
    }
}
