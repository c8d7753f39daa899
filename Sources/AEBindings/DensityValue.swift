import AELang
import AENumerics

/// A ``Density`` as scripts see it: `p.dim`, `p.name`; printed as `Density(energy1d, dim 1)`.
final class DensityValue: HostObject {
    static let typeName = "Density"
    let density: any Density
    /// What the summary shows, e.g. "spiral, noise 0.05".
    let label: String
    /// Where the script energy functions behind this density (made by `density(fn)`, or a mixture of
    /// such) keep their first error until a builtin reports it.
    let callbackErrors: [CallbackErrors]

    init(_ density: any Density, label: String, callbackErrors: [CallbackErrors] = []) {
        self.density = density
        self.label = label
        self.callbackErrors = callbackErrors
    }

    var summary: String { "Density(\(label), dim \(density.dim))" }
    var attributeNames: [String] { ["dim", "name", "range"] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "dim": return .number(Double(density.dim))
        case "name": return .string(label)
        case "range": return .list(DensityValue.range(of: density).map { .list([.number($0.lowerBound), .number($0.upperBound)]) })
        default: return nil
        }
    }

    /// A box per axis that shows the density well (for plots): Figure 3's [−1.5, 1.5] for energy1d,
    /// mean ± 4 sd for a normal, the curve ± 4·noise for the spiral, the quadrature box of a density
    /// made by `density(fn)`, the union over a mixture's components.
    static func range(of density: any Density) -> [ClosedRange<Double>] {
        switch density {
        case is Energy1D:
            return [-1.5...1.5]
        case let p as Normal:
            return zip(p.mean, p.sd).map { ($0 - 4 * $1)...($0 + 4 * $1) }
        case let p as SpiralDensity:
            let r = SpiralDensity.scale * SpiralDensity.tRange.upperBound + 4 * p.noise
            return [-r...r, -r...r]
        case let p as EnergyDensity:
            return p.box
        case let p as Mixture:
            let boxes = p.components.map { range(of: $0) }
            return (0..<p.dim).map { k in
                boxes.map { $0[k].lowerBound }.min()!...boxes.map { $0[k].upperBound }.max()!
            }
        default:
            return [ClosedRange<Double>](repeating: -1.5...1.5, count: density.dim)
        }
    }

    /// Runs `body` and then rethrows the first error of a script's energy function, if any.
    func checked<T>(_ body: () throws -> T) throws -> T {
        for box in callbackErrors { box.error = nil }
        let result = try body()
        for box in callbackErrors {
            if let error = box.error {
                box.error = nil
                throw error
            }
        }
        return result
    }
}

/// Errors of a script function called from numerical code that cannot throw: the first is kept, and
/// later calls return NaN at once so the computation ends quickly.
final class CallbackErrors {
    var error: (any Error)?
}

/// A host value that is a vector field estimating the score: a trained auto-encoder or an optimal DAE.
/// Geometry builtins (`directions`, `asymmetry`, `curl`, `score_error`) accept any such value; a model
/// value conforms by returning its model.
protocol ScoreFieldValue: HostObject {
    var scoreField: any ScoreField { get }
}

/// The optimal DAE r*_σ of a density (eq. 3) as a field: `optimal_dae(p, 0.1)`.
final class OptimalDAEValue: ScoreFieldValue {
    static let typeName = "OptimalDAE"
    let field: OptimalReconstruction
    let densityValue: DensityValue

    init(_ field: OptimalReconstruction, density: DensityValue) {
        self.field = field
        self.densityValue = density
    }

    var scoreField: any ScoreField { field }
    var summary: String {
        "OptimalDAE(\(densityValue.label), sigma \(formatNumber(field.sigma)), dim \(field.dim))"
    }
    var attributeNames: [String] { ["density", "sigma", "dim"] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "density": return .object(densityValue)
        case "sigma": return .number(field.sigma)
        case "dim": return .number(Double(field.dim))
        default: return nil
        }
    }
}

/// Points given to a builtin, with the shape they came in, so results come back in the same shape:
/// a number (a 1-D point), a list of d numbers (one point; for a 1-D density, a list of 1-D points),
/// a list of rows, or a Dataset.
struct PointSet {
    enum Shape { case number, point, numbers, rows, dataset }
    let data: Dataset
    let shape: Shape

    /// One value per point: a number for a single point, else a list.
    func scalars(_ values: [Double]) -> Value {
        switch shape {
        case .number, .point: return .number(values[0])
        default: return .list(values.map(Value.number))
        }
    }

    /// One vector per point, in the shape the points came in.
    func vectors(_ result: Dataset) -> Value {
        switch shape {
        case .number: return .number(result.values[0])
        case .point: return .list(result.row(0).map(Value.number))
        case .numbers where result.dim == 1: return .list(result.values.map(Value.number))
        case .numbers, .rows: return .list((0..<result.n).map { .list(result.row($0).map(Value.number)) })
        case .dataset: return .dataset(result)
        }
    }

    /// One value (of any kind) per point: the value itself for a single point, else a list.
    func each(_ values: [Value]) -> Value {
        switch shape {
        case .number, .point: return values[0]
        default: return .list(values)
        }
    }
}

extension Arguments {
    /// A density argument.
    func densityValue(_ name: String) throws -> DensityValue {
        try object(name, as: DensityValue.self)
    }

    /// Points of dimension `dim` (see ``PointSet``); a clear error for the wrong dimension.
    func points(_ name: String, dim: Int) throws -> PointSet {
        let set: PointSet
        switch self[name] {
        case .number(let x):
            set = PointSet(data: Dataset(rows: 1, dim: 1, values: [x]), shape: .number)
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .number = $0 { return true }; return false }):
            let xs = try numbers(name)
            if dim == 1 {
                set = PointSet(data: Dataset(rows: xs.count, dim: 1, values: xs), shape: .numbers)
            } else {
                set = PointSet(data: Dataset(rows: 1, dim: xs.count, values: xs), shape: .point)
            }
        case .object(let object) where object is DatasetValue:
            set = PointSet(data: try dataset(name), shape: .dataset)
        default:
            set = PointSet(data: try dataset(name), shape: .rows)
        }
        guard set.data.dim == dim else {
            throw NativeError("\(function.name)(): \(name) has dimension \(set.data.dim), but the density or field has dimension \(dim)",
                              argument: name)
        }
        guard set.data.isFinite else {
            throw NativeError("\(function.name)(): \(name) contains a value that is not finite", argument: name)
        }
        return set
    }

    /// A score field argument: a trained model or an optimal DAE; nil when the value is neither.
    /// An untrained model is an error.
    func scoreField(_ name: String) throws -> (any ScoreField)? {
        guard case .object(let object) = self[name] else { return nil }
        if let model = object as? ModelValue, !model.model.isInitialized {
            throw NativeError("\(function.name)(): \(name) is an untrained auto-encoder", argument: name,
                              hint: "train it first: train(ae, data)")
        }
        if let value = object as? any ScoreFieldValue { return value.scoreField }
        return object as? any ScoreField
    }

    /// An interval [a, b] with a < b, both finite.
    func interval(_ name: String) throws -> ClosedRange<Double> {
        let xs = try numbers(name)
        guard xs.count == 2, xs[0].isFinite, xs[1].isFinite, xs[0] < xs[1] else {
            throw NativeError("\(function.name)(): \(name) must be an interval [a, b] with a < b",
                              argument: name)
        }
        return xs[0]...xs[1]
    }
}

/// A trained auto-encoder is a score field (r(x) − x)/σ² with a Jacobian.
extension ModelValue: ScoreFieldValue {
    var scoreField: any ScoreField { model }
}
