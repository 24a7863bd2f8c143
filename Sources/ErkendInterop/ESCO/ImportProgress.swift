/// How far a file import has come, for a progress display. Bytes count over all
/// files the import reads, so `bytesDone / bytesTotal` is the whole job.
public struct ImportProgress: Sendable, Hashable {
    /// The file being read, as a path inside the import folder.
    public var file: String
    public var bytesDone: Int
    public var bytesTotal: Int

    public init(file: String, bytesDone: Int, bytesTotal: Int) {
        self.file = file
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }

    /// Done so far, from 0 to 1.
    public var fraction: Double {
        bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : 1
    }
}

/// Calls a progress callback at file boundaries and every `step` bytes in between,
/// so a terminal redraws often enough to look alive but not once per record.
struct ProgressReporter {
    private let callback: ((ImportProgress) -> Void)?
    private let total: Int
    private let step = 256 << 10
    private var finishedBytes = 0
    private var file = ""
    private var lastReported = 0

    init(total: Int, callback: ((ImportProgress) -> Void)?) {
        self.total = total
        self.callback = callback
    }

    mutating func begin(file: String) {
        self.file = file
        lastReported = 0
        report(finishedBytes)
    }

    mutating func update(fileOffset: Int) {
        guard callback != nil, fileOffset - lastReported >= step else { return }
        lastReported = fileOffset
        report(finishedBytes + fileOffset)
    }

    mutating func end(fileSize: Int) {
        finishedBytes += fileSize
        report(finishedBytes)
    }

    private func report(_ done: Int) {
        callback?(ImportProgress(file: file, bytesDone: done, bytesTotal: max(total, done)))
    }
}
