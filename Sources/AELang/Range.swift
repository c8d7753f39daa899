/// `range(stop)`, `range(start, stop)`, `range(start, stop, step)`: the numbers from start (0) up to,
/// not including, stop.
enum RangeBounds {
    static let parameters = [Parameter("start"), Parameter("stop", default: .nil), Parameter("step", default: .number(1))]

    /// (start, stop, step) from the arguments in parameter order.
    static func bounds(_ values: [Value]) throws -> (Double, Double, Double) {
        func number(_ i: Int) throws -> Double {
            guard case .number(let x) = values[i] else {
                throw NativeError("range(): \(parameters[i].name) must be a number, not \(values[i].typeName)",
                                  argument: parameters[i].name)
            }
            guard x.isFinite else {
                throw NativeError("range(): \(parameters[i].name) must be finite, got \(formatNumber(x))",
                                  argument: parameters[i].name)
            }
            return x
        }
        var start = 0.0, stop: Double, step = 1.0
        if values.count < 2 || values[1] == .nil {
            stop = try number(0)
        } else {
            start = try number(0)
            stop = try number(1)
        }
        if values.count > 2 { step = try number(2) }
        guard step != 0 else { throw NativeError("range(): step must not be 0", argument: "step") }
        return (start, stop, step)
    }

    static func count(_ start: Double, _ stop: Double, _ step: Double) -> Double {
        max(0, ((stop - start) / step).rounded(.up))
    }
}

extension Runtime {
    /// The bounds of `range(...)` called with positional arguments, errors placed under them.
    func rangeBounds(_ values: [Value], locations: [SourceLocation], _ file: SourceFile,
                     _ location: SourceLocation) throws -> (Double, Double, Double) {
        var padded = values
        while padded.count < 3 { padded.append(padded.count == 1 ? .nil : .number(1)) }
        do {
            return try RangeBounds.bounds(padded)
        } catch let error as NativeError {
            var at = location
            if let name = error.argument, let p = RangeBounds.parameters.firstIndex(where: { $0.name == name }),
               p < locations.count {
                at = locations[p]
            }
            throw ScriptError(kind: .runtime, message: error.message, file: file, location: at, hint: error.hint)
        }
    }
}
