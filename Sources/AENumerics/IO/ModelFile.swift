import Foundation
import AEFiles

/// Saving and loading auto-encoders: the native format (docs/model-format.md), NumPy's `.npz` and
/// safetensors.
///
///     try ModelFile.save(ae, to: "spiral.aemodel")     # native, lossless, with the loss history
///     try ModelFile.save(ae, to: "spiral.npz")         # W, b, V, c, kind, sigma, ... for NumPy
///     try ModelFile.save(ae, to: "spiral.safetensors") # encoder.weight, ... for PyTorch
///     let back = try ModelFile.load("spiral.npz")
///
/// Both are written atomically (temporary file in the same folder, then rename).
public enum ModelFile {
    static let magic = Array("AEMODEL1".utf8)
    static let trailer = Array("AEEND001".utf8)

    /// Writes `model` to `path`: `.npz` or `.safetensors` by extension, the native format otherwise.
    public static func save(_ model: AutoEncoder, to path: String) throws {
        guard model.isInitialized else {
            throw ModelError("cannot save an untrained \(model.kind.name): train it first")
        }
        if path.lowercased().hasSuffix(".npz") {
            try Npz.write(npzArrays(model), to: path)
        } else if path.lowercased().hasSuffix(".safetensors") {
            try Safetensors.write(safetensors(model), to: path)
        } else {
            try AtomicFile.write(nativeBytes(model), to: path)
        }
    }

    /// Reads a model saved by ``save(_:to:)`` (or an `.npz` written by NumPy with the same arrays).
    public static func load(_ path: String) throws -> AutoEncoder {
        let bytes = try AtomicFile.read(path)
        do {
            if path.lowercased().hasSuffix(".safetensors") {
                return try fromSafetensors(try Safetensors.decode(bytes))
            }
            if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B {
                return try fromNpz(try Npz.decode(bytes))
            }
            return try fromNative(bytes)
        } catch let error as NpyFormatError {
            throw FileError("cannot read '\(path)': \(error.message)")
        } catch let error as ModelError {
            throw FileError("cannot read '\(path)': \(error.message)")
        }
    }

    // MARK: Native

    static func metadata(_ model: AutoEncoder) -> [String: Any] {
        var meta: [String: Any] = [
            "format": "ae-model", "version": 1, "kind": model.kind.name, "hidden": model.hidden, "dim": model.dim,
            "tied": model.tied, "activation": model.activation.rawValue, "decoder": model.decoder.rawValue,
            "replicate": model.replicate, "resample": model.resample, "seed": String(model.seed),
            "iterations": model.iterations,
        ]
        switch model.kind {
        case .dae(let s), .rcae(let s): meta["sigma"] = s
        case .cae(let l): meta["lambda"] = l
        }
        return meta
    }

    static func nativeArrays(_ model: AutoEncoder) -> [(String, [Int], [Double])] {
        var arrays: [(String, [Int], [Double])] = [("W", [model.hidden, model.dim], model.W), ("b", [model.hidden], model.b)]
        if !model.tied { arrays.append(("V", [model.dim, model.hidden], model.V)) }
        arrays.append(("c", [model.dim], model.c))
        arrays.append(("losses", [model.losses.count], model.losses))
        return arrays
    }

    /// "AEMODEL1", header length (UInt64 LE), JSON header, float64 LE arrays, CRC-32 (UInt32 LE) of
    /// everything before it, "AEEND001".
    static func nativeBytes(_ model: AutoEncoder) throws -> [UInt8] {
        var meta = metadata(model)
        let arrays = nativeArrays(model)
        meta["arrays"] = arrays.map { ["name": $0.0, "shape": $0.1] as [String: Any] }
        let header = try JSONSerialization.data(withJSONObject: meta, options: [.sortedKeys])
        var out = magic
        appendLittleEndian(UInt64(header.count), to: &out)
        out += [UInt8](header)
        for (_, _, values) in arrays { for v in values { appendLittleEndian(v.bitPattern, to: &out) } }
        appendLittleEndian(Npz.crc32(out), to: &out)
        out += trailer
        return out
    }

    static func fromNative(_ bytes: [UInt8]) throws -> AutoEncoder {
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else {
            throw ModelError("not an ae model file (expected the AEMODEL1 header or a NumPy .npz)")
        }
        guard bytes.count >= 28 else { throw ModelError("the model file is truncated") }
        var length = 0
        for k in 0..<8 { length |= Int(bytes[8 + k]) << (8 * k) }
        guard length > 0, length < bytes.count - 16 else { throw ModelError("the model file is truncated or corrupt") }
        let body = bytes.count - 12
        guard Array(bytes[(bytes.count - 8)...]) == trailer else { throw ModelError("the model file is truncated") }
        var crc: UInt32 = 0
        for k in 0..<4 { crc |= UInt32(bytes[body + k]) << (8 * k) }
        guard Npz.crc32(Array(bytes[0..<body])) == crc else { throw ModelError("the model file is corrupt (CRC mismatch)") }
        guard let meta = try? JSONSerialization.jsonObject(with: Data(bytes[16 ..< 16 + length])) as? [String: Any] else {
            throw ModelError("the model file's header is not valid JSON")
        }
        guard (meta["version"] as? Int) == 1 else {
            throw ModelError("unsupported model file version \(meta["version"] ?? "?") (this ae reads version 1)")
        }
        var offset = 16 + length
        var arrays: [String: [Double]] = [:]
        for entry in meta["arrays"] as? [[String: Any]] ?? [] {
            guard let name = entry["name"] as? String, let shape = entry["shape"] as? [Int] else {
                throw ModelError("the model file's header is corrupt")
            }
            let count = shape.reduce(1, *)
            guard count >= 0, offset + 8 * count <= body else { throw ModelError("the model file is truncated") }
            arrays[name] = (0..<count).map { k in
                var bits: UInt64 = 0
                for b in 0..<8 { bits |= UInt64(bytes[offset + 8 * k + b]) << (8 * b) }
                return Double(bitPattern: bits)
            }
            offset += 8 * count
        }
        return try build(meta: meta, arrays: arrays)
    }

    /// Makes the model from its settings and arrays, checking every shape.
    static func build(meta: [String: Any], arrays: [String: [Double]]) throws -> AutoEncoder {
        let kindName = (meta["kind"] as? String ?? "DAE").uppercased()
        let number = { (key: String) -> Double? in (meta[key] as? Double) ?? (meta[key] as? Int).map(Double.init) }
        let kind: AutoEncoder.Kind
        switch kindName {
        case "DAE", "RCAE":
            guard let s = number("sigma") else { throw ModelError("the model has no 'sigma'") }
            kind = kindName == "DAE" ? .dae(sigma: s) : .rcae(sigma: s)
        case "CAE":
            guard let l = number("lambda") ?? number("sigma").map({ $0 * $0 }) else { throw ModelError("the model has no 'lambda'") }
            kind = .cae(lambda: l)
        default:
            throw ModelError("unknown model kind '\(kindName)' (expected DAE, RCAE or CAE)")
        }
        guard let w = arrays["W"], let b = arrays["b"], let c = arrays["c"] else {
            throw ModelError("the model needs arrays W, b and c")
        }
        let hidden = b.count, dim = c.count
        guard hidden > 0, dim > 0, w.count == hidden * dim else {
            throw ModelError("W must be \(hidden) × \(dim) (hidden × dim), got \(w.count) values")
        }
        let v = arrays["V"]
        let tied = (meta["tied"] as? Bool) ?? (v == nil)
        let activation = AutoEncoder.Activation(rawValue: meta["activation"] as? String ?? "tanh")
        let decoder = AutoEncoder.Decoder(rawValue: meta["decoder"] as? String ?? "linear")
        guard let activation, let decoder else { throw ModelError("unknown activation or decoder") }
        let seed = UInt64(meta["seed"] as? String ?? "") ?? 42
        let model = try AutoEncoder(kind, hidden: hidden, tied: tied, activation: activation, decoder: decoder,
                                    replicate: (meta["replicate"] as? Int) ?? 1, resample: (meta["resample"] as? Bool) ?? false,
                                    seed: seed)
        if !tied, v?.count != dim * hidden { throw ModelError("V must be \(dim) × \(hidden) (dim × hidden)") }
        try model.setParameters(dim: dim, W: w, b: b, V: tied ? nil : v, c: c)
        model.setLosses(arrays["losses"] ?? [])
        return model
    }

    // MARK: NumPy

    static func npzArrays(_ model: AutoEncoder) -> [String: NpyArray] {
        var out: [String: NpyArray] = [
            "W": NpyArray(shape: [model.hidden, model.dim], values: model.W),
            "b": NpyArray(shape: [model.hidden], values: model.b),
            "V": NpyArray(shape: [model.dim, model.hidden], values: model.V),
            "c": NpyArray(shape: [model.dim], values: model.c),
            "kind": NpyArray(text: model.kind.name),
            "sigma": NpyArray(scalar: model.sigma),
            "tied": NpyArray(scalar: model.tied ? 1 : 0),
            "activation": NpyArray(text: model.activation.rawValue),
            "decoder": NpyArray(text: model.decoder.rawValue),
            "losses": NpyArray(shape: [model.losses.count], values: model.losses),
        ]
        if case .cae(let l) = model.kind { out["lambda"] = NpyArray(scalar: l) }
        return out
    }

    static func fromNpz(_ arrays: [String: NpyArray]) throws -> AutoEncoder {
        var meta: [String: Any] = [:]
        for key in ["kind", "activation", "decoder"] { if let t = arrays[key]?.text { meta[key] = t } }
        for key in ["sigma", "lambda"] { if let a = arrays[key], a.count == 1 { meta[key] = a.values[0] } }
        if let t = arrays["tied"], t.count == 1 { meta["tied"] = t.values[0] != 0 }
        if let w = arrays["W"], let b = arrays["b"], w.shape.count != 2 || w.shape[0] != b.count {
            throw ModelError("W must have shape (hidden, dim) = (\(b.count), dim), got \(w.shape)")
        }
        var plain: [String: [Double]] = [:]
        for (name, array) in arrays where array.text == nil { plain[name] = array.values }
        if (meta["tied"] as? Bool) == true { plain["V"] = nil }
        return try build(meta: meta, arrays: plain)
    }
}
