import Foundation
import QRCode
import Testing

/// The golden files in `Resources/`, written by `Resources/make_golden.py`
/// from the independent Python package qrcode 8.0. Loading them needs no
/// Python.
enum Golden {
    /// A symbol at a fixed version and mask, as qrcode drew it.
    struct MatrixCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let mode: String
        let version: Int
        let level: String
        let mask: Int
        /// One hex string per row, leftmost module in the highest bit.
        let rows: [String]
        /// qrcode's scores for penalty rules 1–4 of this finished symbol.
        let penalty: [Int]

        var testDescription: String { name }

        var correction: QRCode.ErrorCorrection { Golden.correction(level) }

        /// The rows as modules, true for dark.
        var modules: [[Bool]] {
            let size = 4 * version + 17
            return rows.map { row in
                let bits = row.flatMap { digit -> [Bool] in
                    let value = Int(String(digit), radix: 16)!
                    return (0..<4).map { value & (8 >> $0) != 0 }
                }
                return Array(bits.prefix(size))
            }
        }
    }

    /// A text with the version qrcode's `make(fit=True)` picks for it.
    struct FitCase: Decodable, Sendable, CustomTestStringConvertible {
        let level: String
        /// Whether qrcode was told to use byte mode; otherwise it chose a
        /// single mode itself.
        let byteMode: Bool
        let mode: String
        /// nil when the text fits no version.
        let version: Int?
        let text: String?
        let fill: String?
        let count: Int?
        /// For texts that fit no version: the longest that would, in the
        /// mode's units.
        let maximum: Int?

        var input: String { text ?? String(repeating: fill!, count: count!) }
        var correction: QRCode.ErrorCorrection { Golden.correction(level) }

        var testDescription: String {
            let what = text.map { "\"\($0.prefix(40))\"" } ?? "\(count!) × \"\(fill!)\""
            return "\(what) at \(level)\(byteMode ? " in byte mode" : "")"
        }
    }

    /// qrcode's Reed–Solomon blocks for one version and level.
    struct BlockCase: Decodable, Sendable, CustomTestStringConvertible {
        let version: Int
        let level: String
        /// (data codewords, total codewords) of each block, in order.
        let blocks: [[Int]]

        var correction: QRCode.ErrorCorrection { Golden.correction(level) }
        var testDescription: String { "version \(version)-\(level)" }
    }

    private struct File<Case: Decodable>: Decodable {
        let reference: String
        let cases: [Case]
    }

    static let matrices: [MatrixCase] = load("matrices.json")
    static let fits: [FitCase] = load("fits.json")
    static let blocks: [BlockCase] = load("blocks.json")

    static func correction(_ letter: String) -> QRCode.ErrorCorrection {
        QRCode.ErrorCorrection.allCases.first { $0.description == letter }!
    }

    static func mode(_ name: String) -> QRCode.Mode {
        QRCode.Mode.allCases.first { $0.description == name }!
    }

    /// Test arguments are computed before any test runs, so a missing or
    /// broken golden file stops the run with its name rather than passing
    /// with zero cases.
    private static func load<Case: Decodable>(_ name: String) -> [Case] {
        guard let url = Bundle.module.url(forResource: "Resources/\(name)", withExtension: nil) else {
            fatalError("golden file \(name) is missing from the test bundle")
        }
        do {
            let file = try JSONDecoder().decode(File<Case>.self, from: Data(contentsOf: url))
            precondition(file.reference == "qrcode 8.0" && !file.cases.isEmpty, "golden file \(name) is not from qrcode 8.0")
            return file.cases
        } catch {
            fatalError("golden file \(name) cannot be read: \(error)")
        }
    }
}
