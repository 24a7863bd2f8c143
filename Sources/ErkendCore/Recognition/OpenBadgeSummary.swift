public import Foundation

/// The few facts a recognition case shows about an Open Badge handed in as
/// evidence: what it is, who issued it, when. Checking its signature is not
/// this type's job; the assessor judges the evidence.
public struct OpenBadgeSummary: Hashable, Sendable {
    public var title: String
    public var issuer: String
    public var issuedOn: Day?
    public var mediaType: String

    /// Reads an Open Badges 2.0 assertion or 3.0 credential (JSON-LD), or a VC-JWT carrying one.
    public static func read(_ text: String, kind: EvidenceItem.Kind, at location: String) throws -> OpenBadgeSummary {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var mediaType = "application/ld+json"
        var object: [String: Any]?
        if trimmed.hasPrefix("{") {
            object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
        } else if trimmed.split(separator: ".").count == 3 {
            mediaType = "application/vc+jwt"
            let payload = String(trimmed.split(separator: ".")[1])
            var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            if let data = Data(base64Encoded: base64), let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                object = (claims["vc"] as? [String: Any]) ?? claims
            }
        }
        guard let object else {
            throw ErkendError.invalid("\(location).content", "this is not an Open Badge: expected its JSON or a VC-JWT")
        }
        let subject = object["credentialSubject"] as? [String: Any]
        let achievement = subject?["achievement"] as? [String: Any]
        let badge = object["badge"] as? [String: Any]
        let title = (achievement?["name"] as? String) ?? (badge?["name"] as? String) ?? (object["name"] as? String)
        let issuerValue = object["issuer"] ?? badge?["issuer"]
        let issuer = (issuerValue as? [String: Any])?["name"] as? String ?? (issuerValue as? String)
        let issued = (object["validFrom"] ?? object["issuanceDate"] ?? object["issuedOn"]) as? String
        guard let title, !title.isEmpty else {
            throw ErkendError.invalid("\(location).content", "the credential names no achievement or badge; give a title")
        }
        return OpenBadgeSummary(title: title, issuer: issuer ?? "", issuedOn: issued.flatMap { try? Day(parsing: String($0.prefix(10))) }, mediaType: mediaType)
    }
}
