// The start-up reference of `minutes bench` (issue 16): a Swift program that links Foundation
// and reads stdin, and nothing else.
import Foundation

let input = FileHandle.standardInput.readDataToEndOfFile()
print(input.count)
