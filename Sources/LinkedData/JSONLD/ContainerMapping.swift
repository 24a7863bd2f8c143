/// The `@container` kinds of a term.
struct ContainerMapping: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let list = ContainerMapping(rawValue: 1 << 0)
    static let set = ContainerMapping(rawValue: 1 << 1)
    static let index = ContainerMapping(rawValue: 1 << 2)
    static let language = ContainerMapping(rawValue: 1 << 3)
    static let graph = ContainerMapping(rawValue: 1 << 4)
    static let id = ContainerMapping(rawValue: 1 << 5)
    static let type = ContainerMapping(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@index": self = .index
        case "@language": self = .language
        case "@graph": self = .graph
        case "@id": self = .id
        case "@type": self = .type
        default: return nil
        }
    }
}
