import Foundation
public import LinkedData

/// Erkend's own JSON-LD context, version 1: the terms Open Badges 3.0 lacks
/// for entrustment (level, scope, conditions, committee, decision basis), the
/// phase of a programme, and the EU micro-credential elements OB has no
/// property for (study load in SBU, assessment, participation, supervision,
/// quality assurance).
///
/// It is published by every deployment at `<public URL>/contexts/erkend/v1`
/// and its terms are IRIs under that URL (`…/contexts/erkend/v1#entrustmentScope`):
/// each institution's vocabulary is its own and dereferences to this document.
/// The text below is frozen — once a credential was signed with it, changing
/// it would change what old signatures mean; a new term needs a `v2`.
/// `ErkendContextTests` pins its SHA-256 for a fixed URL.
public enum ErkendContext {
    public static let path = "/contexts/erkend/v1"

    public static func url(publicURL: String) -> String { publicURL + path }

    /// Term name → (kind of value). Strings unless said otherwise.
    static let terms: [(name: String, type: String?)] = [
        ("supervisionLevel", "http://www.w3.org/2001/XMLSchema#integer"),
        ("entrustmentScope", nil),
        ("entrustmentConditions", nil),
        ("decidingCommittee", nil),
        ("decisionBasis", nil),
        ("phase", nil),
        ("studyLoad", "http://www.w3.org/2001/XMLSchema#integer"),
        ("assessmentType", nil),
        ("participationType", nil),
        ("supervisionType", nil),
        ("qualityAssurance", nil),
        ("stackability", nil),
    ]

    /// The context document served at `url(publicURL:)`.
    public static func document(publicURL: String) -> JSONValue {
        let base = url(publicURL: publicURL)
        var context = JSONObject()
        context["@version"] = 1.1
        context["@protected"] = true
        for term in terms {
            var definition = JSONObject()
            definition["@id"] = .string("\(base)#\(term.name)")
            if let type = term.type { definition["@type"] = .string(type) }
            context[term.name] = .object(definition)
        }
        return ["@context": .object(context)]
    }

    /// The document as served and as written for verifiers (pretty JSON).
    public static func text(publicURL: String) -> String {
        JSONWriter.string(document(publicURL: publicURL), pretty: true) + "\n"
    }

    /// The bundled contexts plus Erkend's context for this public URL; never the network.
    public static func loader(publicURL: String) throws -> any DocumentLoader {
        ChainedDocumentLoader([ErkendContextLoader(publicURL: publicURL), try BundledContexts.loader()])
    }
}

/// Serves Erkend's context for one public URL and nothing else.
struct ErkendContextLoader: DocumentLoader {
    let url: String
    let document: JSONValue

    init(publicURL: String) {
        url = ErkendContext.url(publicURL: publicURL)
        document = ErkendContext.document(publicURL: publicURL)
    }

    func loadDocument(_ requested: String) throws -> RemoteDocument {
        guard requested == url || requested.hasPrefix(url + "#") else {
            throw DocumentLoaderError(url: requested, message: "\(requested) is not Erkend's context")
        }
        return RemoteDocument(documentURL: url, document: document)
    }
}
