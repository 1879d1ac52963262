/// How gold and predicted strings are compared: the text the pipeline matches on (converter
/// pinyin dropped, NFKC, Traditional→Simplified, see ``NormalizedText``) without any whitespace.
/// `縣長(zhǎng)` and `县长` compare equal, as do `苏 岚` and `苏岚`.
public enum EvalText {
    public static func key(_ s: String) -> String {
        let normalized = NormalizedText(s)
        var out = String.UnicodeScalarView()
        for scalar in normalized.text(0..<normalized.units.count).unicodeScalars where !scalar.properties.isWhitespace {
            out.append(scalar)
        }
        return String(out)
    }

    /// The first `n` code points of a string (how the directive scorer cuts `starts`).
    static func prefix(_ s: String, _ n: Int) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.prefix(n)))
    }
}
