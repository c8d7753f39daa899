import AELang
import AENumerics
import AEPlots

/// Turns script values into what the plots draw: point lists, grids, vector fields, chains.
enum PlotSources {
    /// Points as rows from a Dataset, a list of rows, one point [x, y], a record holding them (field
    /// `fixed` as `attractors()` returns, `points` or `attractors`), or a list of records each holding one
    /// (`point`, `x`, `location` or `center`).
    static func points(_ value: Value, args: Arguments, name: String) throws -> [[Double]] {
        func fail() -> NativeError {
            NativeError("\(args.function.name)(): \(name) must be points: a Dataset, a list of [x, y] or records "
                        + "holding them, not \(value.typeName)", argument: name)
        }
        func numbers(_ v: Value) -> [Double]? {
            guard case .list(let items) = v else { return nil }
            var out: [Double] = []
            for item in items {
                guard case .number(let x) = item else { return nil }
                out.append(x)
            }
            return out
        }
        switch value {
        case .object(let object):
            guard let data = findInside(Dataset.self, object) else { throw fail() }
            return (0..<data.n).map { data.row($0) }
        case .record(let r):
            for key in ["fixed", "points", "attractors"] {
                if let inner = r[key] { return try points(inner, args: args, name: name) }
            }
            for key in ["point", "x", "location", "center"] {
                if let inner = r[key], let p = numbers(inner) { return [p] }
            }
            throw fail()
        case .list(let items):
            if items.isEmpty { return [] }
            if let p = numbers(value) { return [p] }
            return try items.flatMap { item -> [[Double]] in
                if let p = numbers(item) { return [p] }
                if case .record = item { return try points(item, args: args, name: name) }
                throw fail()
            }
        default:
            throw fail()
        }
    }

    /// The `spurious` flag of each point that `points` reads, when every record has one (the output of
    /// `attractors()`); nil otherwise.
    static func spuriousFlags(_ value: Value) -> [Bool]? {
        var items: [Value]
        switch value {
        case .record(let r):
            guard let fixed = r["fixed"], case .list(let list) = fixed else { return nil }
            items = list
        case .list(let list): items = list
        default: return nil
        }
        var flags: [Bool] = []
        for item in items {
            guard case .record(let r) = item, let flag = r["spurious"], case .bool(let b) = flag else { return nil }
            flags.append(b)
        }
        return flags.isEmpty ? nil : flags
    }

    /// A 2-D grid of points: `steps` × `steps` over [xmin, xmax, ymin, ymax], or the rows of a Dataset.
    static func grid(_ value: Value, steps: Int, around data: Dataset?, args: Arguments) throws -> Dataset {
        switch value {
        case .nil:
            var box = (x0: -1.0, x1: 1.0, y0: -1.0, y1: 1.0)
            if let data, data.n > 0 {
                let xs = data.column(0), ys = data.column(1)
                let (x0, x1, y0, y1) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
                let pad = 0.1 * max(x1 - x0, y1 - y0, 1e-9)
                box = (x0 - pad, x1 + pad, y0 - pad, y1 + pad)
            }
            return regular(box, steps: steps)
        case .list(let items) where items.count == 4 && items.allSatisfy({ if case .number = $0 { return true }; return false }):
            let b = try args.numbers("grid")
            guard b.allSatisfy(\.isFinite), b[0] < b[1], b[2] < b[3] else {
                throw NativeError("\(args.function.name)(): grid must be [xmin, xmax, ymin, ymax] with xmin < xmax "
                                  + "and ymin < ymax", argument: "grid")
            }
            return regular((b[0], b[1], b[2], b[3]), steps: steps)
        default:
            let points = try args.dataset("grid")
            guard points.dim == 2 else {
                throw NativeError("\(args.function.name)(): grid has dimension \(points.dim); quiver draws 2-D fields",
                                  argument: "grid")
            }
            return points
        }
    }

    static func regular(_ box: (x0: Double, x1: Double, y0: Double, y1: Double), steps: Int) -> Dataset {
        var values: [Double] = []
        values.reserveCapacity(2 * steps * steps)
        for i in 0..<steps {
            let y = box.y0 + (box.y1 - box.y0) * Double(i) / Double(steps - 1)
            for j in 0..<steps {
                values.append(box.x0 + (box.x1 - box.x0) * Double(j) / Double(steps - 1))
                values.append(y)
            }
        }
        return Dataset(rows: steps * steps, dim: 2, values: values)
    }

    /// Chains as one Dataset per chain (rows are steps): a sampler's Chain, a Dataset (one chain), a
    /// list of numbers (one 1-D chain) or a list of Datasets.
    static func chains(_ args: Arguments, _ name: String) throws -> [Dataset] {
        let value = args[name]
        if case .object(let object) = value {
            if let draws = findInside([Dataset].self, object), !draws.isEmpty { return draws }
            if let data = findInside(Dataset.self, object) { return [data] }
            throw NativeError("\(args.function.name)(): cannot trace a \(value.typeName)", argument: name,
                              hint: "trace draws a Chain (from sample), a Dataset or a list of numbers")
        }
        if case .list(let items) = value, let first = items.first, case .object = first {
            return try items.map { item in
                guard case .object(let object) = item, let data = findInside(Dataset.self, object) else {
                    throw NativeError("\(args.function.name)(): \(name) must be a list of Datasets", argument: name)
                }
                return data
            }
        }
        if case .list(let items) = value, items.allSatisfy({ if case .number = $0 { return true }; return false }) {
            let xs = try args.numbers(name)
            guard !xs.isEmpty else { throw NativeError("\(args.function.name)(): \(name) is empty", argument: name) }
            return [Dataset(rows: xs.count, dim: 1, values: xs)]
        }
        return [try args.dataset(name)]
    }
}
