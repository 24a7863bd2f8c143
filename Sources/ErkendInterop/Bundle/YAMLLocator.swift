import Yams

/// Finds the line of a field named in the model's path form (`phases[1].code`,
/// `level.eqf`) in a composed file, for messages from `validateShape()`.
enum YAMLLocator {
    /// The line of the deepest node on the path that exists in the file.
    static func line(of path: String, in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for step in steps(path) {
            switch (step, node) {
            case (.field(let name), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == name }) else { return line }
                line = pair.key.mark?.line ?? line
                node = pair.value
            case (.index(let index), .sequence(let sequence)) where index < sequence.count:
                node = sequence[index]
                line = node.mark?.line ?? line
            default:
                return line
            }
        }
        return line
    }

    private enum Step {
        case field(String)
        case index(Int)
    }

    private static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let name = rest[..<bracket]
                if !name.isEmpty { steps.append(.field(String(name))) }
                rest = rest[bracket...]
                while let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]"), open < close {
                    if let index = Int(rest[rest.index(after: open)..<close]) { steps.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else if !rest.isEmpty {
                steps.append(.field(String(rest)))
            }
        }
        return steps
    }
}
