/// Calls and function literals.
extension Compiler {
    func compileCall(_ callee: Node, _ arguments: [Argument], _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        let calleeCode = compile(callee)
        // A global callee (the usual case: a named function) is read inline.
        var globalIndex = -1
        if case .name(let ref) = callee, case .global(let index) = ref.binding { globalIndex = index }
        let globals = runtime.globals
        // In a struct, not a bare array of closures: a closure read from an array is called through
        // reabstraction thunks.
        let codes = arguments.map { CodeRef(compile($0.value)) }
        let labels = arguments.map(\.label)
        let locations = arguments.map(\.location)
        let calleeName: String? = { if case .name(let ref) = callee { return ref.name } else { return nil } }()
        let count = codes.count

        /// Any call: binds named arguments and defaults, runs builtins.
        let general: (Activation, Value) throws -> Value = { frame, value in
            guard case .function(let function) = value else {
                let what = calleeName.map { "'\($0)' is \(value.typeName.withArticle), not a function" }
                    ?? "cannot call \(value.typeName.withArticle)"
                throw ScriptError(kind: .runtime, message: what, file: file, location: location)
            }
            var values: [Value] = []
            values.reserveCapacity(count)
            for code in codes { values.append(try code.run(frame)) }
            return try runtime.call(function, values, labels: labels, locations: locations, file, location)
        }
        guard labels.allSatisfy({ $0 == nil }) else {
            return { frame in try general(frame, try calleeCode(frame)) }
        }
        /// A builtin called positionally: the values go to it without binding by name.
        let native: (Activation, Function) throws -> Value = { frame, function in
            var values: [Value] = []
            values.reserveCapacity(count)
            for code in codes { values.append(try code.run(frame)) }
            return try runtime.callNative(function, positional: values, locations: locations, file, location)
        }

        // Fast paths: an ae function called with exactly its parameters, positionally, and a builtin
        // called positionally (arity -1). For an ae function the arguments
        // go straight into the new frame's slots. The callee is tested for a function first: the
        // unassigned-global check (a comparison with a lazily made object) only runs when that fails.
        // The call holds one reference, to the function (the body may reassign the variable that
        // named it), for the whole call; its compiled code is reached through that reference without
        // retaining it. Each retain/release pair costs about as much as the rest of entering a call.
        switch count {
        case 0:
            return { frame in
                let value = globalIndex >= 0 ? globals.storage[globalIndex] : try calleeCode(frame)
                if case .function(let function) = value, function.arity == 0 {
                    return try withExtendedLifetime(function) { try function.proto.unsafelyUnwrapped._withUnsafeGuaranteedRef { proto in
                        let callee = proto.makeFrame(function)
                        callee.slots.initialize(repeating: runtime.unassigned, count: proto.slotCount)
                        let result = try runtime.enter(proto, callee, file, location)
                        proto.recycle(consume callee)
                        return result
                    } }
                }
                if case .function(let function) = value, function.arity < 0 { return try native(frame, function) }
                return try general(frame, globalIndex >= 0 && value.isUnassigned ? try calleeCode(frame) : value)
            }
        case 1:
            let a0 = codes[0].run
            return { frame in
                let value = globalIndex >= 0 ? globals.storage[globalIndex] : try calleeCode(frame)
                if case .function(let function) = value, function.arity == 1 {
                    return try withExtendedLifetime(function) { try function.proto.unsafelyUnwrapped._withUnsafeGuaranteedRef { proto in
                        let v0 = try a0(frame)
                        let callee = proto.makeFrame(function)
                        let slots = callee.slots
                        slots.initialize(to: v0)
                        if proto.slotCount > 1 {   // tested: copying the marker costs even for no slots
                            (slots + 1).initialize(repeating: runtime.unassigned, count: proto.slotCount - 1)
                        }
                        let result = try runtime.enter(proto, callee, file, location)
                        proto.recycle(consume callee)
                        return result
                    } }
                }
                if case .function(let function) = value, function.arity < 0 { return try native(frame, function) }
                return try general(frame, globalIndex >= 0 && value.isUnassigned ? try calleeCode(frame) : value)
            }
        case 2:
            let a0 = codes[0].run, a1 = codes[1].run
            return { frame in
                let value = globalIndex >= 0 ? globals.storage[globalIndex] : try calleeCode(frame)
                if case .function(let function) = value, function.arity == 2 {
                    return try withExtendedLifetime(function) { try function.proto.unsafelyUnwrapped._withUnsafeGuaranteedRef { proto in
                        let v0 = try a0(frame)
                        let v1 = try a1(frame)
                        let callee = proto.makeFrame(function)
                        let slots = callee.slots
                        slots.initialize(to: v0)
                        (slots + 1).initialize(to: v1)
                        if proto.slotCount > 2 {
                            (slots + 2).initialize(repeating: runtime.unassigned, count: proto.slotCount - 2)
                        }
                        let result = try runtime.enter(proto, callee, file, location)
                        proto.recycle(consume callee)
                        return result
                    } }
                }
                if case .function(let function) = value, function.arity < 0 { return try native(frame, function) }
                return try general(frame, globalIndex >= 0 && value.isUnassigned ? try calleeCode(frame) : value)
            }
        default:
            return { frame in
                let value = globalIndex >= 0 ? globals.storage[globalIndex] : try calleeCode(frame)
                if case .function(let function) = value, function.arity == count {
                    return try withExtendedLifetime(function) { try function.proto.unsafelyUnwrapped._withUnsafeGuaranteedRef { proto in
                        let callee = Activation.make(slotCount: proto.slotCount, cellCount: proto.cellCount,
                                                     upvalues: function.closure.unsafelyUnwrapped.upvalues)
                        for i in 0..<count { callee.slots[i] = try codes[i].run(frame) }
                        let result = try runtime.enter(proto, callee, file, location)
                        proto.recycle(consume callee)
                        return result
                    } }
                }
                if case .function(let function) = value, function.arity < 0 { return try native(frame, function) }
                return try general(frame, globalIndex >= 0 && value.isUnassigned ? try calleeCode(frame) : value)
            }
        }
    }

    /// `nameHint` names an anonymous function after the variable it is assigned to (`g = fn(x) ...`
    /// prints as `<fn g>` and shows as `g` in tracebacks).
    func compileFunction(_ function: FunctionNode, nameHint: String? = nil) -> Code {
        let (cells, _) = cellLayout(function)
        let inner = Compiler(runtime: runtime, file: file, cellIndex: cells)
        let proto = FunctionProto(name: function.name ?? nameHint ?? "<fn>", file: file, location: function.location,
                                  parameterNames: function.parameters.map(\.name),
                                  slotCount: function.slotCount, cellIndex: cells,
                                  hasUpvalues: !function.captures.isEmpty,
                                  defaults: function.parameters.map { $0.defaultValue.map(inner.compile) },
                                  body: inner.compileBlock(function.body))
        let parameters = function.parameters.map { Parameter($0.name, default: $0.defaultValue == nil ? nil : .nil) }
        let doc = function.doc ?? ""
        let upvalues = upvalueMaker(function.captures)
        return { frame in
            .function(Function(closure: Closure(proto: proto, upvalues: upvalues(frame)), parameters: parameters,
                               doc: doc))
        }
    }

    /// Per slot of `function`, the index of its cell or -1, and the number of cells.
    func cellLayout(_ function: FunctionNode) -> (cells: [Int], count: Int) {
        var cells: [Int] = []
        var count = 0
        for captured in function.captured {
            cells.append(captured ? count : -1)
            if captured { count += 1 }
        }
        return (cells, count)
    }

    /// The cells a closure (or a comprehension's scope) made in the current frame captures.
    func upvalueMaker(_ captures: [Capture]) -> (Activation) -> ContiguousArray<Cell> {
        let outerCells = cellIndex
        let capturedCells = runtime.capturedCells
        return { frame in
            var upvalues = ContiguousArray<Cell>()
            upvalues.reserveCapacity(captures.count)
            for capture in captures {
                switch capture {
                case .local(let slot):
                    let cell = frame.cells[outerCells[slot]]
                    capturedCells.track(cell)
                    upvalues.append(cell)
                case .upvalue(let index): upvalues.append(frame.upvalues[index])
                }
            }
            return upvalues
        }
    }
}
