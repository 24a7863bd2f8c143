/// The eight data mask patterns of ISO/IEC 18004, numbered by their mask
/// reference 0–7. A mask flips the data modules it selects, to break up
/// patterns that would confuse a reader.
enum MaskPattern {
    /// The mask references.
    static let all = 0...7

    /// Whether mask `mask` flips the module in column `x`, row `y`.
    static func selects(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (x * y) % 2 + (x * y) % 3 == 0
        case 6: ((x * y) % 2 + (x * y) % 3) % 2 == 0
        case 7: ((x + y) % 2 + (x * y) % 3) % 2 == 0
        default: preconditionFailure("mask reference out of range")
        }
    }
}
