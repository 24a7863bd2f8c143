extension ModuleGrid {
    /// The data module positions in the order codeword bits fill them: two
    /// columns at a time from the right edge, zig-zagging up then down, the
    /// right column of each pair before the left, skipping function modules
    /// and the vertical timing column.
    var dataPositions: [(x: Int, y: Int)] {
        var positions: [(x: Int, y: Int)] = []
        var right = size - 1
        var upward = true
        while right > 0 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction(x: x, y: y) {
                    positions.append((x, y))
                }
            }
            upward.toggle()
            right -= 2
        }
        return positions
    }

    /// Writes the codewords' bits, most significant first, into the data
    /// modules; modules left over (remainder bits) stay light. The codewords
    /// must not need more modules than there are.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let positions = dataPositions
        precondition(codewords.count * 8 <= positions.count, "more codewords than data modules")
        for (index, position) in positions.enumerated() {
            let bit = index < codewords.count * 8 && (codewords[index / 8] >> (7 - index % 8)) & 1 == 1
            setData(x: position.x, y: position.y, dark: bit)
        }
    }
}
