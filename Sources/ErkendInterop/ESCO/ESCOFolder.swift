import ErkendCore
import Foundation

/// A file found in an import folder.
struct ESCOFile {
    let url: URL
    /// The path inside the folder with `/` separators (`nl/occupations_nl.csv`): the name messages use.
    let path: String
    let role: ESCOFileRole
    /// The language of a concept or collection file; `nil` for relations and skipped files.
    let language: String?
    let byteCount: Int

    var isRead: Bool {
        if case .skipped = role { return false }
        return true
    }
}

/// Finds the ESCO files of a folder.
enum ESCOFolder {
    /// The files of `folder` and its subfolders (hidden ones left out), in reading
    /// order: concept files, collections, then relations, each group top-level
    /// files first, then by path; then the skipped files.
    /// - Throws: `ErkendError` (`.importFailed`) when the folder cannot be listed, or a
    ///   concept file's name does not say its language.
    static func files(in folder: URL) throws -> [ESCOFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CSVProblem.error(
                file: folder.path, line: nil, "this is not a folder. Give the folder that holds the ESCO CSV files.")
        }
        let paths: [String]
        do {
            paths = try manager.subpathsOfDirectory(atPath: folder.path)
        } catch {
            throw ErkendError(
                .importFailed, "\(folder.path): the folder cannot be read.", cause: String(describing: error))
        }
        var files: [ESCOFile] = []
        for path in paths where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            let name = url.lastPathComponent
            let role = ESCOFileRole(fileName: name)
            var language: String?
            if role.needsLanguage {
                language = ESCOFileRole.language(fromFileName: name)
                guard language != nil else {
                    throw CSVProblem.error(
                        file: path, line: nil,
                        "the file name does not say which language the labels are in. "
                            + "Name it as ESCO does, with the language code after an underscore: skills_en.csv, occupations_nl.csv.")
                }
            }
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            files.append(ESCOFile(url: url, path: path, role: role, language: language, byteCount: size))
        }
        // Top-level files before those in subfolders (`nl/`), so the primary
        // language comes first; the order is the same on every machine.
        func order(_ file: ESCOFile) -> (Int, Int, String) {
            (file.role.readingRank, file.path.split(separator: "/").count, file.path.lowercased())
        }
        return files.sorted { order($0) < order($1) }
    }
}
