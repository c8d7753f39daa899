/// List and record comprehensions: `[f(x) for x in xs if c]`, `{k: v for k in ks}`.
extension Compiler {
    /// The comprehension runs in a frame of its own (its loop variables are its own locals, see
    /// ``ComprehensionNode``); its clauses become nested loops and tests around the step that adds
    /// one element.
    func compileComprehension(_ comprehension: ComprehensionNode) -> Code {
        let runtime = self.runtime, file = self.file
        let function = comprehension.function
        let (cells, cellCount) = cellLayout(function)
        let inner = Compiler(runtime: runtime, file: file, cellIndex: cells)
        let upvalues = upvalueMaker(function.captures)
        let location = comprehension.location
        let element = inner.compile(comprehension.element)

        typealias Step = (Activation, Accumulator) throws -> Void
        var step: Step
        if let keyNode = comprehension.key {
            let key = inner.compile(keyNode)
            step = { scope, out in
                let field = try key(scope)
                guard case .string(let name) = field else {
                    throw ScriptError(kind: .runtime, message: "a record's field name must be a string, not \(field.typeName)",
                                      file: file, location: keyNode.location)
                }
                let value = try element(scope)
                try runtime.checkNesting(value, under: 1, file, location)
                out.record[name] = value
            }
        } else {
            step = { scope, out in
                let value = try element(scope)
                try runtime.checkNesting(value, under: 1, file, location)
                out.items.append(value)
                if out.items.count > runtime.options.maxElements {
                    try runtime.checkSize(out.items.count, file, location)
                }
            }
        }
        for clause in comprehension.clauses.reversed() {
            let body = step
            switch clause {
            case .forIn(let ref, let sequence, let clauseLocation):
                let sequenceCode = inner.compile(sequence)
                let store = inner.store(ref)
                step = { scope, out in
                    try runtime.forEachElement(of: try sequenceCode(scope), file, sequence.location) { value in
                        try runtime.tick(file, clauseLocation)
                        store(scope, value)
                        try body(scope, out)
                        return true
                    }
                }
            case .condition(let condition):
                let test = inner.compileCondition(condition)
                step = { scope, out in if try test(scope) { try body(scope, out) } }
            }
        }
        let run = step
        let isRecord = comprehension.key != nil
        return { frame in
            let scope = Activation.make(slotCount: function.slotCount, cellCount: cellCount, upvalues: upvalues(frame))
            let out = Accumulator()
            try run(scope, out)
            return isRecord ? .record(out.record) : .packing(out.items)
        }
    }
}

/// What one run of a comprehension has made so far.
private final class Accumulator {
    var items: [Value] = []
    var record = Record()
}
