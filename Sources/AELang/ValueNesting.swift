/// Lists and records nest at most `EngineOptions.maxNesting` levels deep.
///
/// Swift frees a nested array recursively, one stack frame per level: a list nested 10^5 deep would
/// overflow an ordinary 8 MiB thread stack when a host drops it (a value returned by `run`, or read
/// with `global`). Checking the depth where a script builds lists and records (literals and element
/// assignment; `+` never deepens) keeps every value freeable on any thread.
extension Value {
    /// The number of list/record levels (0 for a scalar), counted no further than `limit + 1`.
    func nestingDepth(limit: Int) -> Int {
        let children: [Value]
        switch self {
        case .list(let items): children = items
        case .numbers: return 1
        case .record(let record): children = record.values
        default: return 0
        }
        if limit <= 0 { return 1 }
        var deepest = 0
        for child in children {
            switch child {
            case .list, .numbers, .record:
                deepest = Swift.max(deepest, child.nestingDepth(limit: limit - 1))
                if deepest >= limit { return deepest + 1 }
            default:
                continue
            }
        }
        return deepest + 1
    }
}

extension Runtime {
    /// Throws a limit error when `value`, placed `levels` deep inside a new or existing container,
    /// would make a value nested more than `maxNesting` levels.
    func checkNesting(_ value: Value, under levels: Int, _ file: SourceFile, _ location: SourceLocation) throws {
        switch value {
        case .list, .numbers, .record: break
        default: if levels <= options.maxNesting { return }
        }
        let limit = options.maxNesting
        if levels + value.nestingDepth(limit: Swift.max(0, limit - levels)) > limit {
            throw ScriptError(kind: .limit, message: "value nested too deeply (more than \(limit) levels)",
                              file: file, location: location,
                              hint: "lists and records nest at most \(limit) levels (EngineOptions.maxNesting)")
        }
    }
}
