import AELang
import AENumerics
import AEFiles

/// An auto-encoder as scripts see it. Prints as one line (kind, dim, hidden, sigma, iterations, final
/// loss); attributes `kind`, `dim`, `hidden`, `sigma`, `lambda`, `tied`, `activation`, `decoder`,
/// `iterations`, `loss`, `losses`, and the weights `W` (H × d), `b`, `V` (d × H), `c`.
final class ModelValue: HostObject, Saveable {
    static let typeName = "AutoEncoder"
    let model: AutoEncoder
    /// The data of the last `train` call: `sample` starts chains at its rows and `attractors` measures
    /// distances to it by default. A Dataset is copy-on-write, so this shares the caller's storage
    /// rather than copying it. nil for a model not trained in this session (made by `load`): the model
    /// file holds parameters only.
    var trainingData: Dataset?

    init(_ model: AutoEncoder) { self.model = model }

    var summary: String {
        let m = model
        let scale: String
        if case .cae(let l) = m.kind { scale = "lambda \(formatNumber(l))" } else { scale = "sigma \(formatNumber(m.sigma))" }
        guard m.isInitialized else { return "\(m.kind.name)(hidden \(m.hidden), \(scale), untrained)" }
        let loss = m.losses.last.map { ", loss \(formatNumber(Double(String(format: "%.6g", $0))!))" } ?? ""
        return "\(m.kind.name)(dim \(m.dim), hidden \(m.hidden), \(scale), \(m.iterations) iterations\(loss))"
    }

    var attributeNames: [String] {
        ["kind", "dim", "hidden", "sigma", "lambda", "tied", "activation", "decoder", "iterations", "loss",
         "losses", "W", "b", "V", "c"]
    }

    func attribute(_ name: String) -> Value? {
        let m = model
        func matrix(_ values: [Double], rows: Int, cols: Int) -> Value {
            .list((0..<rows).map { r in .list((0..<cols).map { .number(values[r * cols + $0]) }) })
        }
        switch name {
        case "kind": return .string(m.kind.name)
        case "dim": return .number(Double(m.dim))
        case "hidden": return .number(Double(m.hidden))
        case "sigma": return .number(m.sigma)
        case "lambda":
            if case .cae(let l) = m.kind { return .number(l) }
            if case .rcae(let s) = m.kind { return .number(s * s) }
            return .number(0)
        case "tied": return .bool(m.tied)
        case "activation": return .string(m.activation.rawValue)
        case "decoder": return .string(m.decoder.rawValue)
        case "iterations": return .number(Double(m.iterations))
        case "loss": return m.losses.last.map(Value.number) ?? .nil
        case "losses": return .list(m.losses.map(Value.number))
        case "W": return m.isInitialized ? matrix(m.W, rows: m.hidden, cols: m.dim) : .nil
        case "b": return m.isInitialized ? .list(m.b.map(Value.number)) : .nil
        case "V": return m.isInitialized ? matrix(m.V, rows: m.dim, cols: m.hidden) : .nil
        case "c": return m.isInitialized ? .list(m.c.map(Value.number)) : .nil
        default: return nil
        }
    }

    /// `save(ae, "m.npz")` writes NumPy's .npz; any other name the native format (docs/model-format.md).
    func save(to path: String) throws {
        do { try ModelFile.save(model, to: path) }
        catch let error as FileError { throw NativeError("save(): \(error.message)", argument: "path") }
        catch let error as ModelError { throw NativeError("save(): \(error.message)", argument: "value") }
    }
}
