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
