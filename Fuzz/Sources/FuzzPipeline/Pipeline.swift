import Foundation
import Minutes

/// Built once: compiling the rules per input would drown the fuzzer.
let extractor = try! Extractor()

/// One fuzzer input: any bytes through the whole pipeline, as the input comes (text or detected
/// HTML) and forced as HTML, then the JSON encoder. Besides crashes (and ASan reports), it checks
/// that every offset lies inside the text the pipeline read.
func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for html in [nil, true] as [Bool?] {
        guard let article = try? ArticleText(bytes: bytes, input: "fuzz", html: html) else { continue }
        let result = extractor.extract(article, id: "fuzz")
        checkOffsets(result, length: article.text.unicodeScalars.count)
        _ = try? OrderedJSONEncoder().encode(result)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        let result = extractor.extract(text, id: "fuzz")
        checkOffsets(result, length: text.unicodeScalars.count)
    }
    return 0
}

func checkOffsets(_ result: MinutesResult, length: Int) {
    let problems = result.spanProblems(textLength: length)
    precondition(problems.isEmpty, problems.joined(separator: "\n"))
}
