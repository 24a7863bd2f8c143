import ErkendCore

/// Finding the columns an ESCO file needs in its header.
enum ESCOHeader {
    /// The column called `name`.
    /// - Throws: when it is missing; the message lists the columns found and
    ///   points out a semicolon-separated file, the usual cause.
    static func require(_ name: String, in header: CSVHeader, file: String) throws -> CSVColumn {
        if let column = header.column(named: name) { return column }
        let shown = header.names.prefix(20).map { "'\($0.prefix(80))'" }.joined(separator: ", ")
        let more = header.count > 20 ? " and \(header.count - 20) more" : ""
        var problem = "the required column '\(name)' is missing. Columns found: \(shown)\(more)."
        if header.names.contains(where: { $0.contains(";") }) {
            problem += " The header contains semicolons: the file seems to use ';' as separator, but ESCO files "
                + "are comma-separated. Save it again as CSV with commas (in Excel: \"CSV UTF-8 (comma delimited)\")."
        }
        throw CSVProblem.error(file: file, line: 1, problem)
    }
}
