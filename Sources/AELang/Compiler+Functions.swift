/// Calls and function literals.
extension Compiler {
    func compileCall(_ callee: Node, _ arguments: [Argument], _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        let calleeCode = compile(callee)
        let codes = arguments.map { compile($0.value) }
        let labels = arguments.map(\.label)
        let locations = arguments.map(\.location)
        let positional = labels.allSatisfy { $0 == nil }
        let calleeName: String? = { if case .name(let ref) = callee { return ref.name } else { return nil } }()
        let count = codes.count
        return { frame in
            let value = try calleeCode(frame)
            guard case .function(let function) = value else {
                let what = calleeName.map { "'\($0)' is a \(value.typeName), not a function" }
                    ?? "cannot call a \(value.typeName)"
                throw ScriptError(kind: .runtime, message: what, file: file, location: location)
            }
            if positional, case .closure(let closure) = function.implementation,
               closure.proto.parameterNames.count == count {
                let proto = closure.proto
                let callee = Activation(slotCount: proto.slotCount, cellCount: proto.cellCount,
                                        upvalues: closure.upvalues)
                for i in 0..<count { callee.slots[i] = try codes[i](frame) }
                return try runtime.enter(closure, callee, file, location)
            }
            var values: [Value] = []
            values.reserveCapacity(count)
            for code in codes { values.append(try code(frame)) }
            return try runtime.call(function, values, labels: labels, locations: locations, file, location)
        }
    }

    func compileFunction(_ function: FunctionNode) -> Code {
        var cells: [Int] = []
        var cellCount = 0
        for captured in function.captured {
            cells.append(captured ? cellCount : -1)
            if captured { cellCount += 1 }
        }
        let proto = FunctionProto(name: function.name ?? "<fn>", file: file, location: function.location,
                                  parameterNames: function.parameters.map(\.name),
                                  slotCount: function.slotCount, cellIndex: cells)
        let inner = Compiler(runtime: runtime, file: file, cellIndex: cells)
        proto.defaults = function.parameters.map { $0.defaultValue.map(inner.compile) }
        proto.body = inner.compileBlock(function.body)
        let parameters = function.parameters.map { Parameter($0.name, default: $0.defaultValue == nil ? nil : .nil) }
        let doc = function.doc ?? ""
        let captures = function.captures
        let outerCells = cellIndex
        return { frame in
            var upvalues = ContiguousArray<Cell>()
            upvalues.reserveCapacity(captures.count)
            for capture in captures {
                switch capture {
                case .local(let slot): upvalues.append(frame.cells[outerCells[slot]])
                case .upvalue(let index): upvalues.append(frame.upvalues[index])
                }
            }
            return .function(Function(closure: Closure(proto: proto, upvalues: upvalues), parameters: parameters,
                                      doc: doc))
        }
    }
}
