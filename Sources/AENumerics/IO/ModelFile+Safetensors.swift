import AEFiles

/// An auto-encoder as safetensors, with the tensor names of two `torch.nn.Linear` layers, so that
/// `module.load_state_dict(load_file("m.safetensors"))` fills a PyTorch module (docs/model-format.md):
///
///     encoder.weight  W [hidden, dim]    h = act(W x + b)
///     encoder.bias    b [hidden]
///     decoder.weight  V [dim, hidden]    r = V h + c  (Wᵀ for a tied model)
///     decoder.bias    c [dim]
///
/// ae's settings (kind, sigma or lambda, activation, decoder, tied, ...) are strings in `__metadata__`.
extension ModelFile {
    static let safetensorNames = (W: "encoder.weight", b: "encoder.bias", V: "decoder.weight", c: "decoder.bias")

    static func safetensors(_ model: AutoEncoder) -> Safetensors.Contents {
        let names = safetensorNames
        let tensors = [
            names.W: NpyArray(shape: [model.hidden, model.dim], values: model.W),
            names.b: NpyArray(shape: [model.hidden], values: model.b),
            names.V: NpyArray(shape: [model.dim, model.hidden], values: model.V),
            names.c: NpyArray(shape: [model.dim], values: model.c),
        ]
        var metadata: [String: String] = [:]
        for (key, value) in ModelFile.metadata(model) { metadata[key] = "\(value)" }
        return Safetensors.Contents(tensors: tensors, metadata: metadata)
    }

    static func fromSafetensors(_ contents: Safetensors.Contents) throws -> AutoEncoder {
        let names = safetensorNames
        func tensor(_ name: String, _ role: String) throws -> NpyArray {
            guard let tensor = contents.tensors[name] else {
                throw ModelError("it has no tensor '\(name)' (\(role)); it needs \(names.W), \(names.b), \(names.V) and \(names.c)")
            }
            return tensor
        }
        let w = try tensor(names.W, "W, [hidden, dim]"), b = try tensor(names.b, "b, [hidden]")
        let v = try tensor(names.V, "V, [dim, hidden]"), c = try tensor(names.c, "c, [dim]")
        guard w.shape.count == 2, b.shape.count == 1, c.shape.count == 1,
              w.shape == [b.shape[0], c.shape[0]], v.shape == [c.shape[0], b.shape[0]] else {
            throw ModelError("inconsistent shapes: \(names.W) \(w.shape), \(names.b) \(b.shape), \(names.V) \(v.shape), \(names.c) \(c.shape); expected [H, d], [H], [d, H], [d]")
        }
        let text = contents.metadata
        var meta: [String: Any] = [:]
        for key in ["kind", "activation", "decoder", "seed"] { meta[key] = text[key] }
        for key in ["sigma", "lambda"] {
            guard let value = text[key] else { continue }
            guard let number = Double(value) else { throw ModelError("metadata '\(key)' is not a number: '\(value)'") }
            meta[key] = number
        }
        for key in ["tied", "resample"] {
            guard let value = text[key] else { continue }
            guard value == "true" || value == "false" else { throw ModelError("metadata '\(key)' must be true or false, got '\(value)'") }
            meta[key] = value == "true"
        }
        if let value = text["replicate"] {
            guard let number = Int(value) else { throw ModelError("metadata 'replicate' is not a whole number: '\(value)'") }
            meta["replicate"] = number
        }
        // A file from PyTorch has a decoder of its own unless the metadata says it is tied.
        if meta["tied"] == nil { meta["tied"] = false }
        let tied = meta["tied"] as? Bool ?? false
        var arrays = ["W": w.values, "b": b.values, "c": c.values]
        if !tied { arrays["V"] = v.values }
        return try build(meta: meta, arrays: arrays)
    }
}
