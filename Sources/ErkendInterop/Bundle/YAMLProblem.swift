import Yams

/// One thing wrong in a YAML file, before the file name is known to it.
struct YAMLProblem: Error, Sendable, Equatable {
    /// 1-based line, where YAML gives one.
    var line: Int?
    /// The field, in the model's path form (`phases[1].units[0]`); empty for the whole file.
    var field: String
    var message: String
}

/// The problems of one file, as an error so they can travel in a `Result`.
struct YAMLProblems: Error, Sendable {
    var list: [YAMLProblem]
    init(_ list: [YAMLProblem]) { self.list = list }
}

/// The path of a coding key list in the model's form: `phases[1].epaTargets[0].level`.
func fieldPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        if let index = key.intValue, key.stringValue.isEmpty || key.stringValue == "Index \(index)" {
            path += "[\(index)]"
        } else {
            path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return path
}

/// A coding key for positions in a sequence and for fields found at run time.
struct YAMLKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

extension Node {
    /// How a node reads in a message: `a list`, `a mapping`, `'abc'`.
    var shortDescription: String {
        switch self {
        case .scalar(let scalar): "'\(scalar.string.prefix(60))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// A plain `~`, `null` or empty scalar: YAML's way of saying nothing.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
