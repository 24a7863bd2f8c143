extension QRCode {
    /// The payload and version to use: at `version` if one is given,
    /// otherwise at the smallest version where some mode of `modes` fits;
    /// at each version the mode needing the fewest bits wins, earlier modes
    /// on a tie. `modes` is most compact first and not empty.
    static func fit(
        bytes: [UInt8], modes: [Mode], correction: ErrorCorrection, version: Int?
    ) throws(QRCodeError) -> (Payload, SymbolVersion) {
        let candidates = modes.map { Payload(mode: $0, bytes: bytes) }
        let versions = version.map { $0...$0 } ?? SymbolVersion.range
        for number in versions {
            let symbolVersion = SymbolVersion(number)
            let capacity = symbolVersion.dataCapacity(correction)
            let fitting = candidates.filter { $0.countFits(version: number) && $0.bitCount(version: number) <= capacity }
            if let best = fitting.min(by: { $0.bitCount(version: number) < $1.bitCount(version: number) }) {
                return (best, symbolVersion)
            }
        }
        throw tooLong(candidates[0], correction: correction, version: versions.upperBound, versionFixed: version != nil)
    }

    private static func tooLong(
        _ payload: Payload, correction: ErrorCorrection, version: Int, versionFixed: Bool
    ) -> QRCodeError {
        let mode = payload.mode
        let capacity = SymbolVersion(version).dataCapacity(correction)
        let maximum = mode.maximumCount(capacity: capacity, version: version)
        let place = versionFixed ? "a version \(version) QR code" : "a QR code (version 40, the largest)"
        var advice = versionFixed ? " Leave the version open, or shorten the data." : " Shorten the data."
        if correction != .low { advice += " A lower error correction level holds more." }
        return QRCodeError(
            code: .dataTooLong,
            description: "The data is \(payload.bytes.count) \(mode.unit) long in \(mode) mode, "
                + "but \(place) at error correction level \(correction) holds at most \(maximum) \(mode.unit)."
                + advice,
            maximumLength: maximum,
            mode: mode
        )
    }
}
