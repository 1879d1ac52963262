import ICUShim
import Foundation

/// Property classes of a pattern (`\p{Han}`, `\P{Nd}`) spelled out as the code point ranges
/// they stand for, before ICU compiles it: ICU builds a property's set anew for each use by
/// walking the whole property table (a third of a millisecond each, most of the rules' compile
/// time), while the same ranges written out compile in microseconds. Each property is looked
/// up once per process. The set is the same, so the compiled pattern matches the same text.
enum PropertySets {
    /// Properties with more ranges than this stay as written (parsing them costs about as
    /// much as ICU's own build of the set).
    static let maxRanges = 128

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var spelled: [[UInt16]: [UInt16]?] = [:]
    }
    private static let cache = Cache()

    /// `pattern` with each `\p{…}` / `\P{…}` replaced by a class of its ranges; the pattern as
    /// it is when it quotes (`\Q`) or turns on case folding (`(?i)`), where a reader of the
    /// source might see the class differently.
    static func spelledOut(_ pattern: [UInt16]) -> [UInt16] {
        let backslash: UInt16 = 0x5C, open: UInt16 = 0x7B, close: UInt16 = 0x7D
        var out: [UInt16] = []
        out.reserveCapacity(pattern.count)
        var changed = false
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if c == 0x28, i + 1 < pattern.count, pattern[i + 1] == 0x3F, setsCaseFolding(pattern, from: i + 2) { return pattern }
            guard c == backslash, i + 1 < pattern.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = pattern[i + 1]
            if e == 0x51 { return pattern }  // \Q…\E
            if e == 0x70 || e == 0x50, i + 2 < pattern.count, pattern[i + 2] == open,
               let end = pattern[(i + 3)...].firstIndex(of: close), let ranges = ranges(Array(pattern[i...end])) {
                out += ranges
                changed = true
                i = end + 1
                continue
            }
            out += [c, e]
            i += 2
        }
        return changed ? out : pattern
    }

    /// Whether the flags after `(?` (as in `(?i)`, `(?mi:…)`) turn on case-insensitive matching.
    private static func setsCaseFolding(_ p: [UInt16], from start: Int) -> Bool {
        var k = start
        var sawI = false
        while k < p.count, (p[k] | 0x20) >= 0x61 && (p[k] | 0x20) <= 0x7A || p[k] == 0x2D {
            if p[k] == 0x69 { sawI = true }
            k += 1
        }
        return sawI && k < p.count && (p[k] == 0x29 || p[k] == 0x3A)
    }

    /// The class `[\x{…}-\x{…}…]` for one property escape, or nil to leave it as written.
    private static func ranges(_ escape: [UInt16]) -> [UInt16]? {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let known = cache.spelled[escape] { return known }
        let spelled = lookUp(escape)
        cache.spelled[escape] = spelled
        return spelled
    }

    private static func lookUp(_ escape: [UInt16]) -> [UInt16]? {
        let set = [0x5B] + escape + [0x5D]
        var bounds = [Int32](repeating: 0, count: 2 * maxRanges)
        var status: Int32 = 0
        let count = Int(minutes_property_ranges(set, Int32(set.count), &bounds, Int32(maxRanges), &status))
        guard status <= 0, count > 0, count <= maxRanges else { return nil }
        var text = "["
        for k in 0..<count {
            let lo = bounds[2 * k], hi = bounds[2 * k + 1]
            text += "\\x{" + String(lo, radix: 16) + "}"
            if hi > lo { text += "-\\x{" + String(hi, radix: 16) + "}" }
        }
        text += "]"
        return Array(text.utf16)
    }
}
