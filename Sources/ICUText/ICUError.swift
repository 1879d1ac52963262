import ICUShim

/// An error reported by ICU, with ICU's name for it (e.g. `U_REGEX_TIME_OUT`).
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let operation: String

    public var name: String { String(cString: minutes_error_name(code)) }
    public var description: String { "\(operation): \(name)" }

    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status > 0 { throw ICUError(code: status, operation: operation()) }
    }
}
