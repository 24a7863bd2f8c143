import Foundation

/// The machine the figures come from.
enum BenchMachineDescription {
    static func current() -> String {
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let date = ISO8601DateFormatter().string(from: Date())
        return "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (nproc), \(cpu); \(date)"
    }
}
