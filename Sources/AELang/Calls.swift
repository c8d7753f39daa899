/// Calling functions: binding positional and named arguments to parameters, entering ae functions
/// (call depth, traceback), and running builtins (NativeError becomes a positioned error).
extension Runtime {
    /// Runs an ae function whose frame already holds its arguments.
    @inline(__always)
    func enter(_ proto: FunctionProto, _ frame: Activation, _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        if depth >= options.maxCallDepth {
            throw ScriptError(kind: .limit, message: "call depth exceeded (limit \(options.maxCallDepth))",
                              file: file, location: location,
                              hint: "a recursion without a base case? (EngineOptions.maxCallDepth)")
        }
        try tick(file, location)
        if proto.cellCount > 0 {
            for (slot, cell) in proto.capturedParameters { frame.cells[cell].value = frame.slots[slot] }
        }
        depth += 1
        defer { depth -= 1 }
        do {
            let value = try proto.body(frame)
            return frame.control == .returnValue ? frame.returned : value
        } catch {
            throw addFrame(error, proto, file, location)
        }
    }

    /// Adds the frame being left to an error's traceback.
    @inline(never)
    func addFrame(_ error: Error, _ proto: FunctionProto, _ file: SourceFile, _ location: SourceLocation) -> Error {
        guard var error = error as? ScriptError else { return error }
        error.traceback.append(ScriptError.Frame(function: proto.name, file: error.cursor.file,
                                                 line: error.cursor.line, column: error.cursor.column))
        error.cursor = (file.name, location.line, location.column)
        return error
    }

    /// Calls any function with arguments that may be named. `locations` (one per argument) and
    /// `location` (the call) place the carets of errors.
    func call(_ function: Function, _ values: [Value], labels: [String?], locations: [SourceLocation],
              _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        let bound = try bind(function, values, labels: labels, locations: locations, file, location)
        switch function.implementation {
        case .closure(let closure):
            let proto = closure.proto
            let frame = Activation.make(slotCount: proto.slotCount, cellCount: proto.cellCount, upvalues: closure.upvalues)
            for (i, value) in bound.enumerated() {
                if let value { frame.slots[i] = value }
            }
            for (slot, cell) in proto.capturedParameters { frame.cells[cell].value = frame.slots[slot] }
            for (i, value) in bound.enumerated() where value == nil {
                guard let code = proto.defaults[i] else { continue }
                let made = try code(frame)
                frame.slots[i] = made
                if proto.cellIndex[i] >= 0 { frame.cells[proto.cellIndex[i]].value = made }
            }
            return try enter(proto, frame, file, location)
        case .native(let body):
            var arguments: [Value] = []
            arguments.reserveCapacity(bound.count)
            for (i, value) in bound.enumerated() {
                arguments.append(value ?? function.parameters[i].defaultValue ?? .nil)
            }
            return try runNative(function, body, arguments, labels: labels, locations: locations, file, location)
        }
    }

    /// A builtin called with positional arguments only: they fill its parameters in order (the
    /// variadic one takes the rest, as a list) and defaults fill what is left, without `bind`'s table.
    /// A call that is missing an argument or has too many takes the general path, which words the error.
    func callNative(_ function: Function, positional values: [Value], locations: [SourceLocation],
                    _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        if case .native(let body) = function.implementation,
           let arguments = Runtime.bindPositionally(values, to: function.parameters, variadic: function.variadicIndex) {
            return try runNative(function, body, arguments, labels: nil, locations: locations, file, location)
        }
        var labels: [String?] = []
        labels.reserveCapacity(values.count)
        for _ in values { labels.append(nil) }
        return try call(function, values, labels: labels, locations: locations, file, location)
    }

    /// `values` bound to `parameters` in order, or nil when they do not fit.
    private static func bindPositionally(_ values: [Value], to parameters: [Parameter], variadic: Int) -> [Value]? {
        let fixed = variadic < 0 ? parameters.count : variadic
        if variadic < 0 && values.count > fixed { return nil }
        let head = Swift.min(values.count, fixed)
        var arguments: [Value] = []
        arguments.reserveCapacity(parameters.count)
        arguments.append(contentsOf: values[..<head])
        for parameter in parameters[head..<fixed] {
            guard let value = parameter.defaultValue else { return nil }
            arguments.append(value)
        }
        guard variadic >= 0 else { return arguments }
        arguments.append(.list(Array(values[head...])))
        for parameter in parameters[(variadic + 1)...] {
            guard let value = parameter.defaultValue else { return nil }
            arguments.append(value)
        }
        return arguments
    }

    /// Runs a builtin on its bound arguments. `labels` are the call's (nil: all positional).
    func runNative(_ function: Function, _ body: Function.NativeBody, _ arguments: [Value], labels: [String?]?,
                   locations: [SourceLocation], _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        try tick(file, location)
        let saved = (nativeCallSite, nativeFunction)
        nativeCallSite = (file, location)
        nativeFunction = function
        defer { (nativeCallSite, nativeFunction) = saved }
        let values = function.acceptsPackedLists ? arguments : arguments.map(\.unpacked)
        do {
            return try body(Arguments(function: function, values: values, context: context))
        } catch let error as NativeError {
            var at = location
            let labels = labels ?? Array(repeating: nil, count: locations.count)
            if let name = error.argument {
                if let k = labels.firstIndex(where: { $0 == name }) {
                    at = locations[k]
                } else if let p = function.parameters.firstIndex(where: { $0.name == name }) {
                    let positional = labels.indices.filter { labels[$0] == nil }
                    if p < positional.count { at = locations[positional[p]] }
                }
            }
            throw ScriptError(kind: .runtime, message: error.message, file: file, location: at, hint: error.hint)
        } catch is Interrupted {
            throw ScriptError(kind: .interrupted, message: "interrupted", file: file, location: location)
        } catch let error as LimitExceeded {
            throw ScriptError(kind: .limit, message: error.message, file: file, location: location, hint: error.hint)
        }
    }

    /// For builtins calling back into ae (`context.call`): positional arguments only.
    func callFromNative(_ function: Function, _ values: [Value]) throws -> Value {
        let (file, location) = nativeCallSite ?? (SourceFile(name: "<host>", text: ""), SourceLocation.none)
        let caller = nativeFunction
        let result: Value
        // An ae function given exactly its parameters (`map(xs, fn(x) ...)` once per element): the
        // values go straight into a pooled frame's slots, as the compiler's fast call paths do.
        if function.arity == values.count {
            result = try withExtendedLifetime(function) { try function.proto.unsafelyUnwrapped._withUnsafeGuaranteedRef { proto in
                let callee = proto.makeFrame(function)
                let slots = callee.slots
                for (i, value) in values.enumerated() { (slots + i).initialize(to: value) }
                if proto.slotCount > values.count {
                    (slots + values.count).initialize(repeating: unassigned, count: proto.slotCount - values.count)
                }
                let result = try enter(proto, callee, file, location)
                proto.recycle(consume callee)
                return result
            } }
        } else {
            result = try call(function, values, labels: Array(repeating: nil, count: values.count),
                              locations: Array(repeating: location, count: values.count), file, location)
        }
        return caller?.acceptsPackedLists ?? false ? result : result.unpacked
    }

    /// One value (or nil: use the default) per parameter.
    func bind(_ function: Function, _ values: [Value], labels: [String?], locations: [SourceLocation],
              _ file: SourceFile, _ location: SourceLocation) throws -> [Value?] {
        let parameters = function.parameters
        // Filled by appending: `Array(repeating:count:)` looks up the array's type metadata in the
        // runtime on every call, which costs more than the rest of binding.
        var bound: [Value?] = []
        bound.reserveCapacity(parameters.count)
        for _ in parameters { bound.append(nil) }
        let variadic = parameters.firstIndex(where: \.isVariadic)
        var extra: [Value] = []
        var next = 0
        for (k, value) in values.enumerated() {
            if let label = labels[k] {
                guard let p = parameters.firstIndex(where: { $0.name == label }) else {
                    throw ScriptError(kind: .runtime,
                                      message: "unknown argument '\(label)' for \(function.signature)",
                                      file: file, location: locations[k],
                                      hint: didYouMean(label, among: parameters.map(\.name)))
                }
                if bound[p] != nil {
                    throw ScriptError(kind: .runtime, message: "argument '\(label)' given twice", file: file,
                                      location: locations[k])
                }
                bound[p] = value
            } else {
                if let variadic, next >= variadic {
                    extra.append(value)
                    continue
                }
                guard next < parameters.count else {
                    let count = parameters.count
                    throw ScriptError(kind: .runtime,
                                      message: "too many arguments: \(function.name)() takes \(count) argument\(count == 1 ? "" : "s"), got \(values.count)",
                                      file: file, location: locations[k], hint: "it is called \(function.signature)")
                }
                bound[next] = value
                next += 1
            }
        }
        if let variadic, bound[variadic] == nil { bound[variadic] = .list(extra) }
        for (p, parameter) in parameters.enumerated() where bound[p] == nil && parameter.isRequired {
            throw ScriptError(kind: .runtime, message: "missing argument '\(parameter.name)' for \(function.signature)",
                              file: file, location: location)
        }
        return bound
    }
}
