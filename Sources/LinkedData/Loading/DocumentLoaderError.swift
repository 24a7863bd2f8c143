/// A loader could not provide a document.
public struct DocumentLoaderError: Error, Sendable, CustomStringConvertible {
    public let url: String
    public let message: String

    public init(url: String, message: String) {
        self.url = url
        self.message = message
    }

    public var description: String { message }
}
