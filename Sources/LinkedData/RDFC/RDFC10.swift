/// RDF Dataset Canonicalization (W3C RDFC-1.0): a canonical labelling of the
/// blank nodes of a dataset and its canonical N-Quads, so that isomorphic
/// datasets serialize to the same bytes.
///
/// ```swift
/// let result = try RDFC10.canonicalize(dataset)
/// let bytes = Data(result.nquads.utf8)       // what eddsa-rdfc-2022 hashes
/// result.issuedIdentifiers["b0"]              // "c14n0"
/// ```
public enum RDFC10 {
    /// The hash function the algorithm uses throughout.
    public enum HashAlgorithm: String, Sendable, CaseIterable {
        case sha256 = "SHA256"
        case sha384 = "SHA384"
    }

    /// How to canonicalize.
    public struct Options: Sendable {
        public var hashAlgorithm: HashAlgorithm
        /// The most Hash N-Degree Quads invocations plus permutations the run
        /// may spend before it fails with `RDFC10Error.Code.workLimitExceeded`.
        /// `nil` uses `defaultWorkLimit(blankNodes:)`.
        public var maxWork: Int?
        /// How deep Hash N-Degree Quads may recurse before the run fails with
        /// `RDFC10Error.Code.recursionLimitExceeded`. A chain or ring of
        /// look-alike blank nodes recurses once per node, using a few
        /// kilobytes of stack per level (about 5 KB in debug builds); the
        /// default of 100 fits the 512 KB stacks of secondary threads on
        /// Apple platforms. Raise it only on a thread with a large stack.
        public var maxRecursionDepth: Int

        public init(hashAlgorithm: HashAlgorithm = .sha256, maxWork: Int? = nil, maxRecursionDepth: Int = 100) {
            self.hashAlgorithm = hashAlgorithm
            self.maxWork = maxWork
            self.maxRecursionDepth = maxRecursionDepth
        }
    }

    /// The default work budget for a dataset with this many blank nodes:
    /// 10,000 steps or 100 per blank node, whichever is more (about 0.3 s of
    /// one core for 1,000 blank nodes).
    ///
    /// Credentials, trees, lists and blank nodes told apart by their own
    /// properties need no such work at all; a few identical subgraphs need a
    /// few steps each. Graphs where many blank nodes look alike need more:
    /// a ring of n look-alike nodes needs n² steps, a clique factorially many.
    /// Those are what an attacker sends, so by default they are refused;
    /// pass a larger `Options.maxWork` to canonicalize them anyway.
    public static func defaultWorkLimit(blankNodes: Int) -> Int {
        max(10_000, blankNodes * 100)
    }

    /// The outcome of canonicalization.
    public struct Result: Sendable {
        /// The canonical quads (blank nodes relabelled `c14n0`, `c14n1`, …),
        /// without duplicates, in canonical order.
        public let quads: [RDFQuad]
        /// The canonical N-Quads document: the hashing input for signatures.
        public let nquads: String
        /// Input blank node label → canonical label, for every blank node of the input
        /// (the "issued identifiers map" of the specification).
        public let issuedIdentifiers: [String: String]
        /// How much Hash N-Degree Quads work the run needed (compare with `Options.maxWork`).
        public let work: Int
    }

    /// Canonicalizes `dataset`.
    public static func canonicalize(_ dataset: RDFDataset, options: Options = Options()) throws(RDFC10Error) -> Result {
        var canonicalizer = Canonicalizer(dataset: dataset, options: options)
        return try canonicalizer.run()
    }

    /// Reads N-Quads and canonicalizes them.
    public static func canonicalize(nquads: String, options: Options = Options()) throws -> Result {
        try canonicalize(NQuads.parse(nquads), options: options)
    }
}
