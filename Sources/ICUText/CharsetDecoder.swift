import ICUShim

/// Decoding of legacy Chinese charsets (GB18030, Big5…) with ICU converters.
public enum CharsetDecoder {
    /// Decodes `bytes` as `charset`; throws at the first invalid byte sequence.
    public static func decode(_ bytes: UnsafeRawBufferPointer, charset: String) throws -> [UInt16] {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
        var cap = bytes.count + 16
        while true {
            var out = [UInt16](repeating: 0, count: cap)
            var status: Int32 = 0
            let n = Int(minutes_decode(charset, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), &out, Int32(cap), &status))
            try ICUError.check(status, "decode as \(charset)")
            if n > cap { cap = n; continue }
            return Array(out.prefix(n))
        }
    }

    /// ICU's best guess of the charset of `bytes`, with its confidence (0–100).
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> (name: String, confidence: Int)? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        var name = [CChar](repeating: 0, count: 64)
        var status: Int32 = 0
        let confidence = minutes_detect_charset(base.assumingMemoryBound(to: CChar.self), Int32(min(bytes.count, 1 << 20)), &name, 64, &status)
        if status > 0 { return nil }
        let s = String(cString: name)
        return s.isEmpty ? nil : (s, Int(confidence))
    }
}
