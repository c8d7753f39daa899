/// Loops and assignments.
extension Compiler {
    func compileFor(_ ref: NameRef, _ sequence: Node, _ body: [Node], _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        let store = self.store(ref)
        let bodyCode = compileBlock(body)
        let slot: Int? = {
            if case .local(let s) = ref.binding, cellIndex[s] < 0 { return s }
            return nil
        }()

        /// Runs the body once per value; false when the loop must stop (break or return).
        @inline(__always)
        func iterate(_ frame: Activation, _ value: Value) throws -> Bool {
            try runtime.tick(file, location)
            if let slot { frame.slots[slot] = value } else { store(frame, value) }
            _ = try bodyCode(frame)
            if frame.control != .none {
                if frame.control == .continueLoop { frame.control = .none; return true }
                if frame.control == .breakLoop { frame.control = .none }
                return false
            }
            return true
        }

        func loop(_ frame: Activation, over value: Value) throws {
            try runtime.forEachElement(of: value, file, sequence.location) { try iterate(frame, $0) }
        }

        // `for i in range(...)` counts without building the list, unless `range` was rebound.
        if case .call(.name(let rangeRef), let arguments, let callLocation) = sequence,
           rangeRef.name == "range", (1...3).contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) {
            let calleeCode = load(rangeRef)
            let argumentCodes = arguments.map { compile($0.value) }
            let general = compile(sequence)
            let locations = arguments.map(\.location)
            return { frame in
                guard case .function(let function) = try calleeCode(frame), function === runtime.rangeFunction else {
                    try loop(frame, over: try general(frame))
                    return .nil
                }
                var values: [Value] = []
                for code in argumentCodes { values.append(try code(frame)) }
                let (start, stop, step) = try runtime.rangeBounds(values, locations: locations, file, callLocation)
                // start + k * step, as range() computes its list, so fractional steps do not drift.
                let count = RangeBounds.count(start, stop, step)
                var k = 0.0
                while k < count {
                    if try !iterate(frame, .number(start + k * step)) { break }
                    k += 1
                }
                return .nil
            }
        }
        let sequenceCode = compile(sequence)
        return { frame in
            try loop(frame, over: try sequenceCode(frame))
            return .nil
        }
    }

    func compileAssignment(_ target: Node, _ value: Node, _ location: SourceLocation) -> Code {
        let runtime = self.runtime, file = self.file
        switch target {
        case .name(let ref):
            // `xs = xs ++ [x]`, `s = s + "x"` and `n = n + 1` change the variable in place instead of
            // copying it.
            if case .binary(let op, .name(let source), let addend, let opLocation) = value, op == .add || op == .concatenate,
               sameVariable(ref, source) {
                let joins = op == .concatenate
                let addendCode = compile(addend)
                let take = self.take(ref)
                let store = self.store(ref)
                let loadCode = load(ref)
                /// The addition once the addend is evaluated.
                let add: (Activation, Value) throws -> Value = { frame, extra in
                    if case .number(let y) = extra {
                        let current = try loadCode(frame)
                        if !joins, case .number(let x) = current {
                            store(frame, .number(x + y))
                            return .nil
                        }
                        store(frame, try runtime.binary(op, current, extra, file, opLocation))
                        return .nil
                    }
                    var current = take(frame)
                    if current.isUnassigned {
                        store(frame, current)
                        _ = try loadCode(frame)
                    }
                    if joins, current.isList, extra.isList {
                        let total = (current.listCount ?? 0) + (extra.listCount ?? 0)
                        if total > runtime.options.maxElements {
                            store(frame, current)
                            try runtime.checkSize(total, file, opLocation)
                        }
                        current.appendList(extra)
                        store(frame, current)
                    } else if case .string(let more) = extra, case .string(var text) = current {
                        current = .nil
                        if text.utf8.count + more.utf8.count > runtime.options.maxElements {
                            store(frame, .string(text))
                            try runtime.checkSize(text.utf8.count + more.utf8.count, file, opLocation)
                        }
                        text += more
                        store(frame, .string(text))
                    } else {
                        store(frame, current)
                        store(frame, try runtime.binary(op, current, extra, file, opLocation))
                    }
                    return .nil
                }
                // `xs = xs ++ [x]`: appends x itself, without making the one-element list.
                if joins, case .list(let elements, let listLocation) = addend, elements.count == 1 {
                    let elementCode = compile(elements[0])
                    return { frame in
                        try runtime.checkSize(1, file, listLocation)
                        let element = try elementCode(frame)
                        var current = take(frame)
                        guard let count = current.listCount, count < runtime.options.maxElements else {
                            store(frame, current)
                            return try add(frame, .list([element]))
                        }
                        current.appendElement(element)
                        store(frame, current)
                        return .nil
                    }
                }
                // A number added to a plain local or a global (the counter of a while loop): read and
                // written in place, by a closure that captures little (its context is copied on each call).
                let directNumber: Double? = { if case .number(let y, _) = addend { return y } else { return nil } }()
                if joins { return { frame in try add(frame, try addendCode(frame)) } }
                if let slot = plainSlot(.name(ref)) {
                    return { frame in
                        let extra = if let directNumber { Value.number(directNumber) } else { try addendCode(frame) }
                        if case .number(let y) = extra, case .number(let x) = frame.slots[slot] {
                            frame.slots[slot] = .number(x + y)
                            return .nil
                        }
                        return try add(frame, extra)
                    }
                }
                if case .global(let index) = ref.binding {
                    let globals = runtime.globals
                    return { frame in
                        let extra = if let directNumber { Value.number(directNumber) } else { try addendCode(frame) }
                        if case .number(let y) = extra, case .number(let x) = globals.storage[index] {
                            globals.storage[index] = .number(x + y)
                            return .nil
                        }
                        return try add(frame, extra)
                    }
                }
                return { frame in try add(frame, try addendCode(frame)) }
            }
            if let inPlace = compileAppendInPlace(ref, value) { return inPlace }
            let code: Code
            if case .function(let function) = value {
                code = compileFunction(function, nameHint: ref.name)
            } else {
                code = compile(value)
            }
            if case .local(let slot) = ref.binding, cellIndex[slot] < 0 {
                return { frame in
                    frame.slots[slot] = try code(frame)
                    return .nil
                }
            }
            if case .global(let index) = ref.binding {
                let globals = runtime.globals
                return { frame in
                    globals.storage[index] = try code(frame)
                    return .nil
                }
            }
            let store = self.store(ref)
            return { frame in
                store(frame, try code(frame))
                return .nil
            }
        case .index, .subscripts, .attribute:
            var steps: [PathStep] = []
            var node = target
            while true {
                if case .index(let base, let index, let l) = node {
                    steps.insert(.index(compile(index), l), at: 0)
                    node = base
                } else if case .subscripts(let base, let subscripts, let l) = node {
                    steps.insert(.subscripts(compileSubscripts(subscripts), l), at: 0)
                    node = base
                } else if case .attribute(let base, let name, let l) = node {
                    steps.insert(.field(name, l), at: 0)
                    node = base
                } else {
                    break
                }
            }
            guard case .name(let root) = node else {
                let error = ScriptError(kind: .runtime, message: "cannot assign into this expression", file: file,
                                        location: node.location,
                                        hint: "assign the value to a variable first, then change its element")
                return { _ in throw error }
            }
            let code = compile(value)
            let take = self.take(root)
            let store = self.store(root)
            let loadCode = load(root)
            return { frame in
                let newValue = try code(frame)
                var keys: [PathKey] = []
                keys.reserveCapacity(steps.count)
                for step in steps {
                    switch step {
                    case .index(let indexCode, _): keys.append(.index(try indexCode(frame)))
                    case .subscripts(let subscriptCode, _): keys.append(.subscripts(try subscriptCode(frame)))
                    case .field: keys.append(.field)
                    }
                }
                var current = take(frame)
                if current.isUnassigned {
                    store(frame, current)
                    _ = try loadCode(frame)
                }
                defer { store(frame, current) }
                try runtime.checkNesting(newValue, under: steps.count, file, target.location)
                try runtime.assign(&current, steps, keys, 0, newValue, file)
                return .nil
            }
        default:
            let error = ScriptError(kind: .syntax, message: "cannot assign to this expression", file: file,
                                    location: target.location)
            return { _ in throw error }
        }
    }

    /// `xs = append(xs, x)`, while `append` is the builtin: appends to the variable's list in place
    /// (amortised O(1)) instead of copying it into a new list; anything else takes the ordinary call.
    private func compileAppendInPlace(_ ref: NameRef, _ value: Node) -> Code? {
        guard case .call(.name(let callee), let arguments, let location) = value, callee.name == "append",
              arguments.count == 2, arguments.allSatisfy({ $0.label == nil }),
              case .name(let source) = arguments[0].value, sameVariable(ref, source) else { return nil }
        let runtime = self.runtime, file = self.file
        let calleeCode = load(callee), elementCode = compile(arguments[1].value)
        let general = compile(value)
        let take = self.take(ref), store = self.store(ref), loadCode = load(ref)
        return { frame in
            guard case .function(let function) = try calleeCode(frame), function === runtime.appendFunction else {
                store(frame, try general(frame))
                return .nil
            }
            _ = try loadCode(frame)     // the unassigned variable's error, before the element runs
            let element = try elementCode(frame)
            var current = take(frame)
            guard let count = current.listCount, count < runtime.options.maxElements else {
                // Not a list, or full: the builtin itself says what is wrong.
                store(frame, current)
                store(frame, try runtime.call(function, [current, element], labels: [nil, nil],
                                              locations: arguments.map(\.location), file, location))
                return .nil
            }
            do {
                try runtime.checkNesting(element, under: 1, file, arguments[1].location)
            } catch {
                store(frame, current)
                throw error
            }
            try runtime.tick(file, location)
            current.appendElement(element)
            store(frame, current)
            return .nil
        }
    }

    private func sameVariable(_ a: NameRef, _ b: NameRef) -> Bool {
        switch (a.binding, b.binding) {
        case let (.local(x), .local(y)), let (.upvalue(x), .upvalue(y)), let (.global(x), .global(y)): return x == y
        default: return false
        }
    }
}

/// One step from a variable to the element being assigned: `[index]`, `[a:b]` or `[i, j]`, `.field`.
enum PathStep {
    case index(Code, SourceLocation)
    case subscripts((Activation) throws -> [SubscriptValue], SourceLocation)
    case field(String, SourceLocation)
}

/// A path step's evaluated index.
enum PathKey {
    case index(Value)
    case subscripts([SubscriptValue])
    case field
}

extension Runtime {
    /// Calls `body` with each element of what a `for` loop (or a comprehension) walks: a list's
    /// elements, a string's characters, a record's field names, a Dataset's rows; stops when `body`
    /// returns false.
    @inline(__always)
    func forEachElement(of value: Value, _ file: SourceFile, _ location: SourceLocation,
                        _ body: (Value) throws -> Bool) throws {
        switch value {
        case .list(let items):
            for item in items { if try !body(item) { return } }
        case .numbers(let xs):
            for x in xs { if try !body(.number(x)) { return } }
        case .string(let s):
            for c in s { if try !body(.string(String(c))) { return } }
        case .record(let record):
            for key in record.keys { if try !body(.string(key)) { return } }
        case .object(let object):
            if let count = object.count {
                for i in 0..<count {
                    let element: Value
                    do {
                        guard let e = try object.element(.number(Double(i))) else { break }
                        element = e
                    } catch let error as NativeError {
                        throw ScriptError(kind: .runtime, message: error.message, file: file,
                                          location: location, hint: error.hint)
                    }
                    if try !body(element) { return }
                }
                return
            }
            fallthrough
        default:
            throw ScriptError(kind: .runtime, message: "cannot loop over \(value.typeName.withArticle)", file: file,
                              location: location, hint: "a for loop takes a list, a string, a record or range(n)")
        }
    }

    /// Sets the element at `steps[i...]` inside `target` to `value`, in place.
    func assign(_ target: inout Value, _ steps: [PathStep], _ keys: [PathKey], _ i: Int, _ value: Value,
                _ file: SourceFile) throws {
        let last = i == steps.count - 1
        switch steps[i] {
        case .subscripts(_, let location):
            guard case .subscripts(let subscripts) = keys[i] else { return }
            guard last else {
                throw typeError("cannot assign through a slice or a pair of indices", file, location,
                                hint: "assign to the selection itself, e.g. d[0:10, 1] = 0")
            }
            try assignSelected(&target, subscripts, value, file, location)
        case .index(_, let location):
            guard case .index(let key) = keys[i] else { return }
            if key.isList, target.isList {
                // A list of indices or a mask: several elements at once.
                guard last else {
                    throw typeError("cannot assign through a list of indices", file, location,
                                    hint: "assign to the selection itself, e.g. xs[[0, 2]] = 0")
                }
                return try assignSelected(&target, [.index(key)], value, file, location)
            }
            switch target {
            case .object(let object as any NumericMatrix):
                guard last else {
                    throw typeError("cannot assign through a row of a \(type(of: object).typeName)", file, location,
                                    hint: "write d[i, j] = value")
                }
                try assignSelected(&target, [.index(key)], value, file, location)
            case .numbers(var xs):
                let p = try position(key, count: xs.count, Indexing.listElements, file, location)
                if last, case .number(let x) = value {
                    target = .nil
                    xs[p] = x
                    target = .numbers(xs)
                } else {
                    target = .list(xs.map(Value.number))
                    xs = []
                    try assign(&target, steps, keys, i, value, file)
                }
            case .list(var items):
                let p = try position(key, count: items.count, Indexing.listElements, file, location)
                target = .nil
                defer { target = .list(items) }
                if last { items[p] = value } else { try assign(&items[p], steps, keys, i + 1, value, file) }
            case .record:
                guard case .string(let name) = key else {
                    throw typeError("a record's index must be a string, not \(key.typeName)", file, location)
                }
                try assignField(&target, name, steps, keys, i, value, file, location)
            case .string:
                throw typeError("strings cannot be changed in place", file, location,
                                hint: "build a new string, e.g. with + or \"{...}\"")
            default:
                throw typeError("cannot assign an element of \(target.typeName.withArticle)", file, location)
            }
        case .field(let name, let location):
            try assignField(&target, name, steps, keys, i, value, file, location)
        }
    }

    private func assignField(_ target: inout Value, _ name: String, _ steps: [PathStep], _ keys: [PathKey], _ i: Int,
                             _ value: Value, _ file: SourceFile, _ location: SourceLocation) throws {
        let last = i == steps.count - 1
        switch target {
        case .record(var record):
            target = .nil
            defer { target = .record(record) }
            if last {
                record[name] = value
            } else {
                guard var inner = record[name] else { throw missingField(name, record, file, location) }
                record[name] = .nil
                defer { record[name] = inner }
                try assign(&inner, steps, keys, i + 1, value, file)
            }
        case .object(let object):
            do {
                if last {
                    try object.setAttribute(name, to: value.unpacked)
                } else {
                    var inner = try attribute(target, name, file, location)
                    try assign(&inner, steps, keys, i + 1, value, file)
                    try object.setAttribute(name, to: inner.unpacked)
                }
            } catch let error as NativeError {
                throw typeError(error.message, file, location, hint: error.hint)
            }
        default:
            throw typeError("\(target.typeName.withArticle) has no fields to assign", file, location)
        }
    }
}
