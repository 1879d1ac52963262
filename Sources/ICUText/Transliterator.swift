import ICUShim

/// An ICU transliterator such as `Traditional-Simplified`. Not thread-safe.
public final class Transliterator {
    private let handle: OpaquePointer

    public init(id: String) throws {
        let units = Array(id.utf16)
        var status: Int32 = 0
        guard let h = minutes_translit_open(units, Int32(units.count), &status) else {
            throw ICUError(code: status, operation: "utrans_openU(\(id))")
        }
        handle = h
    }

    deinit { minutes_translit_close(handle) }

    /// Transliterates UTF-16 units.
    public func apply(_ units: [UInt16]) throws -> [UInt16] {
        var cap = max(16, units.count * 2)
        while true {
            var buffer = units + Array(repeating: 0, count: cap - units.count)
            var status: Int32 = 0
            let n = minutes_translit_apply(handle, &buffer, Int32(units.count), Int32(cap), &status)
            if Int(n) > cap || status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                cap = Int(n) * 2 + 16
                continue
            }
            try ICUError.check(status, "utrans_transUChars")
            return Array(buffer.prefix(Int(n)))
        }
    }

    public func apply(_ text: String) throws -> String {
        String(decoding: try apply(Array(text.utf16)), as: UTF16.self)
    }
}

extension Transliterator {
    /// The Simplified form of each unit of `range` by ICU's `Traditional-Simplified` (the unit
    /// itself when it has none, or when its form is outside `range`). Slow (ICU loads its rules
    /// and converts 20,000 ideographs): the `embed-rules` build tool runs it, the library reads
    /// the result.
    public static func simplifiedForms(of range: ClosedRange<UInt16>) throws -> [UInt16] {
        let block = Array(range)
        var table = block
        let t = try Transliterator(id: "Traditional-Simplified")
        // Convert in slices; a slice whose length changes (a phrase rule fired) is redone per character.
        let slice = 512
        var i = 0
        while i < block.count {
            let part = Array(block[i..<min(i + slice, block.count)])
            if let out = try? t.apply(part), out.count == part.count {
                for (k, u) in out.enumerated() where range.contains(u) { table[i + k] = u }
            } else {
                for (k, u) in part.enumerated() {
                    if let out = try? t.apply([u]), out.count == 1, range.contains(out[0]) { table[i + k] = out[0] }
                }
            }
            i += slice
        }
        return table
    }
}
