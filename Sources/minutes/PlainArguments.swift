/// The arguments of the common calls in pipelines (`extract` and `index` with paths, `--jobs N`,
/// `--quiet` and a few options of one value), read without ArgumentParser, whose reflection over a
/// command's properties costs more than the rest of the process's start-up (issue 16). Anything
/// else (an unknown or repeated option, an option without its value) gives nil, and ArgumentParser
/// then reads the arguments and reports what is wrong.
struct PlainArguments {
    var positional: [String] = []
    var quiet = false
    var jobs: Int?
    /// The value of each option in `valued` that was given.
    var values: [String: String] = [:]

    init?(_ arguments: ArraySlice<String>, valued: Set<String>) {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            switch argument {
            case "--quiet" where !quiet: quiet = true
            case "--jobs" where jobs == nil:
                guard let value = rest.next().flatMap({ Int($0) }), value >= 1 else { return nil }
                jobs = value
            case _ where valued.contains(argument) && values[argument] == nil:
                guard let value = rest.next() else { return nil }
                values[argument] = value
            case "-": positional.append(argument)
            case _ where !argument.hasPrefix("-") && !argument.isEmpty: positional.append(argument)
            default: return nil
            }
        }
    }
}
