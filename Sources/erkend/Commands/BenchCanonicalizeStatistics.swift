import Foundation

/// Mean and tail of a set of timings, in seconds.
struct BenchStatistics {
    let count: Int
    let mean: Double
    let p50: Double
    let p99: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        p50 = percentile(0.50)
        p99 = percentile(0.99)
    }
}

enum BenchTable {
    static let header = "credential                                   | Swift mean   p50        p99       (n)"

    static func row(_ name: String, _ stats: BenchStatistics) -> String {
        let padded = name.count >= 44 ? String(name.prefix(44)) : name + String(repeating: " ", count: 44 - name.count)
        return String(format: "%@ | %8.3f ms %8.3f ms %8.3f ms (%d)", padded, stats.mean * 1e3, stats.p50 * 1e3, stats.p99 * 1e3, stats.count)
    }
}

extension Duration {
    var benchSeconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
