import ICUShim

/// Unicode NFKC (full-width forms to ASCII, compatibility ideographs to unified ones). Thread-safe.
public enum NFKC {
    /// NFKC of a short UTF-16 sequence.
    public static func normalize(_ units: [UInt16]) -> [UInt16] {
        var cap = max(8, units.count * 4)
        while true {
            var out = [UInt16](repeating: 0, count: cap)
            var status: Int32 = 0
            let n = Int(minutes_nfkc(units, Int32(units.count), &out, Int32(cap), &status))
            if status > 0 { return units }
            if n > cap { cap = n; continue }
            return Array(out.prefix(n))
        }
    }

    public static func normalize(_ text: String) -> String {
        String(decoding: normalize(Array(text.utf16)), as: UTF16.self)
    }
}
