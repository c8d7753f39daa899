import AEFiles

/// A ``Chain`` as NumPy's `.npz`, laid out for ArviZ (docs/chain-format.md):
///
///     x                (chains, draws, dim)  the draws: az.from_dict(posterior={"x": f["x"]})
///     acceptance_rate  (chains, draws)       each chain's acceptance fraction at every draw, as a
///                                            sample statistic (ae records it per chain, not per draw)
///     acceptance       (chains,)             the acceptance fractions themselves
///     kind             "Chain"; sampler ("mh", "langevin", "mala"), step, steps, rule, exact,
///                      seconds, interrupted: the rest of the Chain, so `load` gives it back whole
///
///     try ChainFile.save(chain, to: "c.npz")
///     let back = try ChainFile.load("c.npz")      // nil when the archive is not a chain (a model)
public enum ChainFile {
    /// The `kind` entry that marks an archive as a chain.
    public static let kind = "Chain"

    public static func save(_ chain: Chain, to path: String) throws {
        try Npz.write(arrays(chain), to: path)
    }

    /// The chain in an `.npz` written by ``save(_:to:)``; nil when the archive holds something else
    /// (no `kind` "Chain"). Throws `FileError` for an unreadable file or a malformed chain.
    public static func load(_ path: String) throws -> Chain? {
        let arrays = try Npz.read(path)
        guard arrays["kind"]?.text == kind else { return nil }
        do { return try chain(arrays) }
        catch let error as NpyFormatError { throw FileError("cannot read '\(path)' as a Chain: \(error.message)") }
    }

    static func arrays(_ chain: Chain) -> [String: NpyArray] {
        let (m, n) = (chain.chainCount, chain.length)
        var out: [String: NpyArray] = [
            "x": NpyArray(shape: [m, n, chain.dim], values: chain.draws.flatMap(\.values)),
            "acceptance_rate": NpyArray(shape: [m, n], values: chain.acceptance.flatMap { Array(repeating: $0, count: n) }),
            "acceptance": NpyArray(shape: [m], values: chain.acceptance),
            "kind": NpyArray(text: kind),
            "seconds": NpyArray(scalar: chain.seconds),
            "interrupted": NpyArray(scalar: chain.interrupted ? 1 : 0),
            "exact": NpyArray(scalar: chain.sampler.exactEnergy ? 1 : 0),
            "steps": NpyArray(scalar: Double(chain.sampler.path.count)),
            "rule": NpyArray(text: chain.sampler.path.rule.rawValue),
        ]
        switch chain.sampler.method {
        case .metropolis(let sigma): out["sampler"] = NpyArray(text: "mh"); out["step"] = NpyArray(scalar: sigma)
        case .langevin(let h): out["sampler"] = NpyArray(text: "langevin"); out["step"] = NpyArray(scalar: h)
        case .mala(let h): out["sampler"] = NpyArray(text: "mala"); out["step"] = NpyArray(scalar: h)
        case .annealedLangevin(let eps, let stepsPerLevel):
            out["sampler"] = NpyArray(text: "annealed_langevin")
            out["step"] = NpyArray(scalar: eps)
            out["steps_per_level"] = NpyArray(scalar: Double(stepsPerLevel))
        }
        return out
    }

    static func chain(_ arrays: [String: NpyArray]) throws -> Chain {
        func scalar(_ name: String) throws -> Double {
            guard let array = arrays[name], array.text == nil, array.count == 1 else {
                throw NpyFormatError("it needs a number '\(name)'")
            }
            return array.values[0]
        }
        func text(_ name: String) throws -> String {
            guard let text = arrays[name]?.text else { throw NpyFormatError("it needs a text '\(name)'") }
            return text
        }
        guard let x = arrays["x"], x.text == nil, x.shape.count == 3, x.shape.allSatisfy({ $0 > 0 }) else {
            throw NpyFormatError("it needs the draws 'x' of shape (chains, draws, dim), none empty")
        }
        let (m, n, d) = (x.shape[0], x.shape[1], x.shape[2])
        guard let acceptance = arrays["acceptance"], acceptance.text == nil, acceptance.shape == [m],
              acceptance.values.allSatisfy({ (0...1).contains($0) }) else {
            throw NpyFormatError("it needs 'acceptance' of shape (\(m),), fractions from 0 to 1")
        }
        let step = try scalar("step"), steps = try scalar("steps"), exact = try scalar("exact") != 0
        guard step > 0, step.isFinite else { throw NpyFormatError("the sampler's step must be > 0, got \(step)") }
        guard steps >= 1, steps <= 1_000_000, steps == steps.rounded() else {
            throw NpyFormatError("the sampler's steps must be a whole number from 1, got \(steps)")
        }
        guard let rule = PathRule(rawValue: try text("rule")) else {
            throw NpyFormatError("unknown path rule '\(try text("rule"))' (\(PathRule.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let sampler: Sampler
        switch try text("sampler") {
        case "mh": sampler = .mh(sigma: step, steps: Int(steps), rule: rule, exactEnergy: exact)
        case "langevin": sampler = .langevin(step: step)
        case "mala": sampler = .mala(step: step, steps: Int(steps), rule: rule, exactEnergy: exact)
        case "annealed_langevin":
            let perLevel = try scalar("steps_per_level")
            guard perLevel >= 1, perLevel <= 1_000_000, perLevel == perLevel.rounded() else {
                throw NpyFormatError("the sampler's steps_per_level must be a whole number from 1, got \(perLevel)")
            }
            sampler = .annealedLangevin(eps: step, stepsPerLevel: Int(perLevel))
        case let other: throw NpyFormatError("unknown sampler '\(other)' (mh, langevin, mala, annealed_langevin)")
        }
        let draws = (0..<m).map { c in
            Dataset(rows: n, dim: d, values: Array(x.values[(c * n * d)..<((c + 1) * n * d)]))
        }
        return Chain(draws: draws, acceptance: acceptance.values, seconds: try scalar("seconds"),
                     sampler: sampler, interrupted: try scalar("interrupted") != 0)
    }
}
