/// Byte-level looks at an input before decoding: is it HTML, and which charset does its
/// `<meta>` declare. Both work on the raw bytes (the charsets in question are ASCII-compatible).
public enum HTMLSniffer {
    /// Whether the input starts (after a BOM and whitespace) like markup: `<` then a letter,
    /// `!` or `?` (`<!DOCTYPE html`, `<html`, `<head`, `<meta`, `<div`, `<!--`, `<?xml`).
    /// A meeting report never starts with a tag.
    public static func looksLikeHTML<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let head = Array(bytes.prefix(1024))
        var k = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < head.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(head[k]) { k += 1 }
        guard k + 1 < head.count, head[k] == UInt8(ascii: "<") else { return false }
        let next = head[k + 1] | 0x20
        return (0x61...0x7A).contains(next) || head[k + 1] == UInt8(ascii: "!") || head[k + 1] == UInt8(ascii: "?")
    }

    /// The charset a page declares in its first 4 KB: `<meta charset="gbk">` or
    /// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. Nil when it
    /// declares none, or one that is not UTF-8, GB18030 (GBK, GB2312) or Big5.
    public static func declaredCharset(_ bytes: [UInt8]) -> InputDecoder.Charset? {
        let head = bytes.prefix(4096).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var i = 0
        while let meta = find(Array("<meta".utf8), in: head, from: i) {
            let tagEnd = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            if let c = find(Array("charset".utf8), in: head[..<tagEnd].map { $0 }, from: meta) {
                var j = c + 7
                while j < tagEnd, head[j] == 0x20 { j += 1 }
                if j < tagEnd, head[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < tagEnd, head[j] == 0x20 || head[j] == UInt8(ascii: "\"") || head[j] == UInt8(ascii: "'") { j += 1 }
                    var name = ""
                    while j < tagEnd, Self.isNameByte(head[j]) {
                        name.unicodeScalars.append(Unicode.Scalar(head[j]))
                        j += 1
                    }
                    return charset(named: name)
                }
            }
            i = meta + 5
        }
        return nil
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// A charset label as pages write it.
    static func charset(named name: String) -> InputDecoder.Charset? {
        switch name {
        case "utf-8", "utf8": return .utf8
        case "gb2312", "gbk", "gb18030", "x-gbk", "euc-cn", "cp936", "windows-936", "gb_2312-80", "csgb2312": return .gb18030
        case "big5", "big5-hkscs", "x-big5", "cp950", "windows-950", "csbig5": return .big5
        default: return nil
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
