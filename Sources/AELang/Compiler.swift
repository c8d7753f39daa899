/// Compiles the resolved syntax tree into Swift closures over slot indices ("closure compilation"):
/// each node becomes one closure that the parent calls directly, so evaluation does no dispatch on
/// node kinds and no name look-ups. Numbers take inline fast paths; everything else falls back to
/// `Runtime`'s general operators.
struct Compiler {
    let runtime: Runtime
    let file: SourceFile
    /// Per slot of the function being compiled: its cell index, or -1.
    let cellIndex: [Int]

    init(runtime: Runtime, file: SourceFile, cellIndex: [Int] = []) {
        self.runtime = runtime
        self.file = file
        self.cellIndex = cellIndex
    }

    /// The top level of a file: returns the value of the last statement.
    func compileProgram(_ nodes: [Node]) -> Code {
        compileBlock(nodes)
    }

    func compileBlock(_ nodes: [Node]) -> Code {
        switch nodes.count {
        case 0: return { _ in .nil }
        case 1: return compile(nodes[0])
        case 2:
            let a = compile(nodes[0]), b = compile(nodes[1])
            return { frame in
                _ = try a(frame)
                if frame.control != .none { return .nil }
                return try b(frame)
            }
        default:
            let refs = nodes.map { CodeRef(compile($0)) }
            return { frame in
                var value = Value.nil
                for code in refs {
                    value = try code.run(frame)
                    if frame.control != .none { return .nil }
                }
                return value
            }
        }
    }

    func compile(_ node: Node) -> Code {
        let file = self.file, runtime = self.runtime
        switch node {
        case .number(let x, _):
            let value = Value.number(x)
            return { _ in value }
        case .bool(let b, _):
            let value = Value.bool(b)
            return { _ in value }
        case .nil:
            return { _ in .nil }
        case .string(let pieces, let location):
            return compileString(pieces, location)
        case .name(let ref):
            return load(ref)
        case .list(let items, let location):
            let codes = items.map { CodeRef(compile($0)) }
            return { frame in
                try runtime.checkSize(codes.count, file, location)
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes {
                    let value = try code.run(frame)
                    try runtime.checkNesting(value, under: 1, file, location)
                    values.append(value)
                }
                return .packing(values)
            }
        case .record(let fields, let location):
            let keys = fields.map(\.key)
            let codes = fields.map { CodeRef(compile($0.value)) }
            return { frame in
                var values: [(String, Value)] = []
                values.reserveCapacity(codes.count)
                for (i, code) in codes.enumerated() {
                    let value = try code.run(frame)
                    try runtime.checkNesting(value, under: 1, file, location)
                    values.append((keys[i], value))
                }
                return .record(Record(fields: values))
            }
        case .unary(.negate, let operand, let location):
            let code = compile(operand)
            return { frame in
                let value = try code(frame)
                if case .number(let x) = value { return .number(-x) }
                return try runtime.negate(value, file, location)
            }
        case .unary(.not, let operand, _):
            let condition = compileCondition(operand)
            return { frame in .bool(!(try condition(frame))) }
        case .binary(let op, let left, let right, let location):
            return compileBinary(op, left, right, location)
        case .call(let callee, let arguments, let location):
            return compileCall(callee, arguments, location)
        case .index(let base, let index, let location):
            let baseCode = compile(base), indexCode = compile(index)
            return { frame in
                let b = try baseCode(frame)
                let i = try indexCode(frame)
                if case .number(let x) = i {
                    if case .numbers(let xs) = b {
                        let n = Int(exactly: x) ?? Int.min
                        if n >= 0 && n < xs.count { return .number(xs[n]) }
                        if n < 0 && n >= -xs.count { return .number(xs[xs.count + n]) }
                    } else if case .list(let items) = b {
                        let n = Int(exactly: x) ?? Int.min
                        if n >= 0 && n < items.count { return items[n] }
                        if n < 0 && n >= -items.count { return items[items.count + n] }
                    }
                }
                return try runtime.index(b, i, file, location)
            }
        case .subscripts(let base, let subscripts, let location):
            let baseCode = compile(base), subscriptCode = compileSubscripts(subscripts)
            return { frame in
                let b = try baseCode(frame)
                return try runtime.select(b, try subscriptCode(frame), file, location)
            }
        case .comprehension(let comprehension):
            return compileComprehension(comprehension)
        case .attribute(let base, let name, let location):
            let baseCode = compile(base)
            return { frame in try runtime.attribute(try baseCode(frame), name, file, location) }
        case .function(let function):
            return compileFunction(function)
        case .ifElse(let condition, let body, let elseBody, _):
            let test = compileCondition(condition)
            let then = compileBlock(body)
            if let elseBody {
                let otherwise = compileBlock(elseBody)
                return { frame in try test(frame) ? try then(frame) : try otherwise(frame) }
            }
            return { frame in try test(frame) ? try then(frame) : .nil }
        case .assign(let target, let value, let location):
            return compileAssignment(target, value, location)
        case .functionDeclaration(let ref, let function):
            let make = compileFunction(function)
            let store = self.store(ref)
            return { frame in
                store(frame, try make(frame))
                return .nil
            }
        case .forIn(let ref, let sequence, let body, let location):
            return compileFor(ref, sequence, body, location)
        case .whileLoop(let condition, let body, let location):
            let test = compileCondition(condition)
            let bodyCode = compileBlock(body)
            return { frame in
                while true {
                    try runtime.tick(file, location)
                    guard try test(frame) else { break }
                    _ = try bodyCode(frame)
                    if frame.control != .none {
                        if frame.control == .breakLoop { frame.control = .none; break }
                        if frame.control == .continueLoop { frame.control = .none; continue }
                        return .nil
                    }
                }
                return .nil
            }
        case .breakLoop:
            return { frame in frame.control = .breakLoop; return .nil }
        case .continueLoop:
            return { frame in frame.control = .continueLoop; return .nil }
        case .returnValue(let value, _):
            if let value {
                let code = compile(value)
                return { frame in
                    frame.returned = try code(frame)
                    frame.control = .returnValue
                    return .nil
                }
            }
            return { frame in
                frame.returned = .nil
                frame.control = .returnValue
                return .nil
            }
        case .importModule(let ref):
            guard let module = ref.module else { return { _ in .nil } }
            return { _ in
                if module.hasRun { return .nil }
                module.hasRun = true
                guard let code = module.code else { return .nil }
                _ = try code(Activation.make(slotCount: 0, cellCount: 0, upvalues: []))
                return .nil
            }
        }
    }

    private func compileString(_ pieces: [Node.Piece], _ location: SourceLocation) -> Code {
        if pieces.count == 1, case .text(let text) = pieces[0] {
            let value = Value.string(text)
            return { _ in value }
        }
        enum Compiled { case text(String), code(Code) }
        let parts: [Compiled] = pieces.map {
            switch $0 {
            case .text(let t): return .text(t)
            case .code(let n): return .code(compile(n))
            }
        }
        let runtime = self.runtime, file = self.file
        return { frame in
            var text = ""
            for part in parts {
                switch part {
                case .text(let t): text += t
                case .code(let code): text += describe(try code(frame), quoted: false)
                }
            }
            try runtime.checkSize(text.utf8.count, file, location)
            return .string(text)
        }
    }

    /// The entries inside brackets, evaluated left to right.
    func compileSubscripts(_ subscripts: [SubscriptNode]) -> (Activation) throws -> [SubscriptValue] {
        enum Compiled { case index(Code), slice(Code?, Code?, Code?) }
        let parts: [Compiled] = subscripts.map {
            switch $0 {
            case .index(let n): return .index(compile(n))
            case .slice(let a, let b, let c): return .slice(a.map(compile), b.map(compile), c.map(compile))
            }
        }
        return { frame in
            try parts.map {
                switch $0 {
                case .index(let code): return .index(try code(frame))
                case .slice(let a, let b, let c):
                    return .slice(start: try a?(frame) ?? .nil, stop: try b?(frame) ?? .nil, step: try c?(frame) ?? .nil)
                }
            }
        }
    }

    // MARK: Variables

    private func unassignedError(_ ref: NameRef) -> ScriptError {
        ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file,
                    location: ref.location)
    }

    /// Whether the name is a plain (uncaptured) local slot.
    func plainSlot(_ node: Node) -> Int? {
        if case .name(let ref) = node, case .local(let slot) = ref.binding, cellIndex[slot] < 0 { return slot }
        return nil
    }

    func load(_ ref: NameRef) -> Code {
        let file = self.file
        switch ref.binding {
        case .local(let slot):
            let cell = cellIndex[slot]
            if cell >= 0 {
                return { frame in
                    let value = frame.cells[cell].value
                    if value.isUnassigned { throw ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file, location: ref.location) }
                    return value
                }
            }
            let marker = Unassigned.shared
            return { frame in
                let value = frame.slots[slot]
                if case .object(let object) = value, object === marker { throw ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file, location: ref.location) }
                return value
            }
        case .upvalue(let index):
            return { frame in
                let value = frame.upvalues[index].value
                if value.isUnassigned { throw ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file, location: ref.location) }
                return value
            }
        case .global(let index):
            let globals = runtime.globals
            // The marker kept at hand: reading `Unassigned.shared` costs a lazy-initialisation check.
            let marker = Unassigned.shared
            return { _ in
                let value = globals.storage[index]
                if case .object(let object) = value, object === marker { throw ScriptError(kind: .runtime, message: "'\(ref.name)' is used before it is assigned", file: file, location: ref.location) }
                return value
            }
        case .unresolved:
            let error = unassignedError(ref)
            return { _ in throw error }
        }
    }

    func store(_ ref: NameRef) -> (Activation, Value) -> Void {
        switch ref.binding {
        case .local(let slot):
            let cell = cellIndex[slot]
            if cell >= 0 { return { frame, value in frame.cells[cell].value = value } }
            return { frame, value in frame.slots[slot] = value }
        case .upvalue(let index):
            return { frame, value in frame.upvalues[index].value = value }
        case .global(let index):
            let globals = runtime.globals
            return { _, value in globals.storage[index] = value }
        case .unresolved:
            return { _, _ in }
        }
    }

    /// Takes the variable's value out of its storage (leaving nil), so that changing it in place does
    /// not copy a list that is only shared with the variable itself.
    func take(_ ref: NameRef) -> (Activation) -> Value {
        switch ref.binding {
        case .local(let slot):
            let cell = cellIndex[slot]
            if cell >= 0 {
                return { frame in
                    var value = Value.nil
                    swap(&value, &frame.cells[cell].value)
                    return value
                }
            }
            return { frame in
                let value = frame.slots[slot]
                frame.slots[slot] = .nil
                return value
            }
        case .upvalue(let index):
            return { frame in
                var value = Value.nil
                swap(&value, &frame.upvalues[index].value)
                return value
            }
        case .global(let index):
            let globals = runtime.globals
            return { _ in
                var value = Value.nil
                swap(&value, &globals.storage[index])
                return value
            }
        case .unresolved:
            return { _ in .nil }
        }
    }
}
