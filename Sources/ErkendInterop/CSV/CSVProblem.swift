import ErkendCore

/// Builds the `ErkendError`s of file imports, so every message has the same
/// shape: "file, line N, column C: what is wrong. What to do." The detail
/// repeats the problem with a `file:line` location for the HTTP problem document.
enum CSVProblem {
    static func error(file: String, line: Int?, column: String? = nil, _ problem: String) -> ErkendError {
        ErkendError(
            .importFailed, "\(place(file: file, line: line, column: column)): \(problem)",
            details: [ErkendError.Detail(location: location(file: file, line: line), message: problem)])
    }

    static func warning(file: String, line: Int?, column: String? = nil, _ problem: String) -> ErkendError.Detail {
        let text = column.map { "column \($0): \(problem)" } ?? problem
        return ErkendError.Detail(location: location(file: file, line: line), message: text)
    }

    /// `skills_en.csv:12`, the form sources and locations use. Every statement
    /// and relation carries one, so it is written straight into one allocation
    /// rather than interpolated.
    static func location(file: String, line: Int?) -> String {
        guard let line else { return file }
        guard line >= 0 else { return "\(file):\(line)" }
        var digits = 1
        var rest = line / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var name = file
        return name.withUTF8 { name in
            String(unsafeUninitializedCapacity: name.count + 1 + digits) { buffer in
                _ = buffer.initialize(fromContentsOf: name)
                buffer[name.count] = UInt8(ascii: ":")
                var value = line
                for index in (name.count + 1..<name.count + 1 + digits).reversed() {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                return name.count + 1 + digits
            }
        }
    }

    private static func place(file: String, line: Int?, column: String?) -> String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" }
        return place
    }

    /// A byte count in the unit a person would use for it, with the exact count
    /// when rounding could make two different sizes look the same.
    static func size(_ bytes: Int) -> String {
        guard bytes >= 1 << 10 else { return "\(bytes) bytes" }
        let (unit, shift) = bytes >= 1 << 20 ? ("MiB", 20) : ("KiB", 10)
        let tenths = (bytes * 10 + (1 << (shift - 1))) >> shift
        return "\(tenths / 10).\(tenths % 10) \(unit) (\(bytes) bytes)"
    }
}
