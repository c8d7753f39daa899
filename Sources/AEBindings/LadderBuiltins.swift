import AELang
import AENumerics

/// Beyond the paper, the field's answer to "a DAE samples p blurred, not p": a ladder of noise levels,
/// annealed Langevin down it (Song & Ermon 2019), and Tweedie's denoising step.
enum LadderBuiltins {
    static var functions: [Function] { [ladder, annealedLangevin, denoise] }

    static let ladder = Function(
        name: "ladder",
        parameters: [Parameter("source"), Parameter("sigmas", default: .nil), Parameter("hidden", default: .number(100)),
                     Parameter("iters", default: .number(300)), Parameter("replicate", default: .number(1)),
                     Parameter("seed", default: .nil)],
        doc: """
        ladder(source, sigmas:, hidden: 100, iters: 300, replicate: 1, seed:): score fields of the data
        blurred at decreasing noise levels, for annealed_langevin. `sigmas` (largest first, strictly
        decreasing; Song & Ermon space them geometrically) gives the levels. `source` is
          a Dataset   one DAE per level, dae(hidden:, sigma: sigmas[i], replicate:) trained on it for
                      `iters` L-BFGS iterations: the training time grows linearly with the levels
          a density   its exact blurred scores (normal, mixture, spiral_density): the ground truth
          a list of DAEs, largest sigma first (sigmas: nil, taken from the models)
        l.sigmas, l.models (the DAEs), l.seconds (training time per level), l.data. Ctrl-C during the
        training stops it without a ladder (its lower levels would be untrained).

            l = ladder(spiral(2000, noise: 0.02), sigmas: [0.5 * 0.5^k for k in range(6)], replicate: 5)
            c = sample(l, annealed_langevin(2e-5), 1000)
        """
    ) { args in
        if case .list(let items) = args["source"] {
            guard args.isNil("sigmas") else {
                throw NativeError("ladder(): a list of DAEs brings its own sigmas", argument: "sigmas",
                                  hint: "leave sigmas out: each model's sigma is its level")
            }
            var models = [ModelValue]()
            for item in items {
                guard case .object(let m as ModelValue) = item, case .dae = m.model.kind else {
                    throw NativeError("ladder(): every item of the list must be a DAE, not \(item.typeName)", argument: "source")
                }
                guard m.model.isInitialized else {
                    throw NativeError("ladder(): a DAE of the list is not trained yet", argument: "source",
                                      hint: "train it first: train(ae, data)")
                }
                models.append(m)
            }
            let built = try make("source") { try NoiseLadder(sigmas: models.map(\.model.sigma), levels: models.map(\.model)) }
            return .object(LadderValue(built, models: models, seconds: [], label: "DAEs", trainingData: models.last?.trainingData))
        }
        let sigmas = try args.numbers("sigmas")
        if case .object(let p as DensityValue) = args["source"] {
            let built = try make { try NoiseLadder(density: p.density, sigmas: sigmas) }
            return .object(LadderValue(built, models: [], seconds: [], label: "exact, \(p.label)", trainingData: nil))
        }
        let data = try args.dataset("source")
        guard data.n >= 1, data.isFinite else {
            throw NativeError("ladder(): the data must be non-empty and finite", argument: "source")
        }
        let hidden = try args.int("hidden", in: 1...1_000_000)
        let iters = try args.int("iters", in: 0...10_000_000)
        let replicate = try args.int("replicate", in: 1...10_000)
        let seed: UInt64 = args.isNil("seed") ? args.context.numerics.nextSeed() : UInt64(try args.int("seed", in: 0...Int.max))
        try make { try NoiseLadder.validate(sigmas) }
        let context = args.context
        let bar = context.progress("ladder", total: max(1, sigmas.count * iters))
        let trained: (ladder: NoiseLadder, models: [AutoEncoder], seconds: [Double])
        do {
            trained = try NoiseLadder.train(data: data, sigmas: sigmas, hidden: hidden, replicate: replicate, iterations: iters,
                                            seed: seed, threads: context.options.threads,
                                            shouldStop: { context.isInterrupted }) { level, i, loss in
                bar.update(level * iters + i, status: "level \(level + 1)/\(sigmas.count), sigma \(formatNumber(sigmas[level])), loss \(String(format: "%.4g", loss))")
                return !context.isInterrupted
            }
        } catch let error as SamplingError {
            bar.finish(status: "stopped")
            try context.checkInterrupt()
            throw NativeError("ladder(): \(error.message)")
        } catch let error as ModelError {
            bar.finish(status: "not started")
            throw NativeError("ladder(): \(error.message)", argument: "source")
        } catch let error as TrainingError {
            bar.finish(status: "stopped: non-finite loss")
            throw NativeError("ladder(): \(error.message)")
        }
        bar.finish(status: "\(sigmas.count) levels × \(iters) iterations")
        let models = trained.models.map { m -> ModelValue in let v = ModelValue(m); v.trainingData = data; return v }
        return .object(LadderValue(trained.ladder, models: models, seconds: trained.seconds, label: "DAEs hidden \(hidden)",
                                   trainingData: data))
    }

    /// Runs `body`, turning a ``SamplingError`` into the builtin's error at `argument`.
    static func make<T>(_ argument: String = "sigmas", _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SamplingError {
            throw NativeError("ladder(): \(error.message)", argument: argument)
        }
    }

    static let annealedLangevin = Function(
        name: "annealed_langevin",
        parameters: [Parameter("eps"), Parameter("steps_per_level", default: .number(100))],
        doc: """
        annealed_langevin(eps, steps_per_level: 100): annealed Langevin dynamics down a ladder (Song &
        Ermon 2019, Algorithm 1): at level i, steps_per_level moves x' = x + h·s_i(x) + sqrt(2h)·N(0, I)
        with h = eps·σ_i²/σ_L² (σ_L the smallest level; their α_i is 2h), then the denoising step
        x + σ_L²·s_L(x) (Tweedie: E[x | x̃]). Use with sample(ladder, annealed_langevin(eps), n): n
        independent chains, one draw each. eps/σ_L² is the step as a fraction of each level's scale:
        keep it well below 1.

            l = ladder(manifold10(2000), sigmas: [1, 0.5, 0.25, 0.1, 0.05], hidden: 200)
            c = sample(l, annealed_langevin(2e-4, steps_per_level: 50), 1000)
        """
    ) { args in
        let eps = try args.positive("eps")
        let steps = try args.int("steps_per_level", in: 1...10_000_000)
        return .object(SamplerValue(.annealedLangevin(eps: eps, stepsPerLevel: steps)))
    }

    static let denoise = Function(
        name: "denoise",
        parameters: [Parameter("model"), Parameter("x")],
        doc: """
        denoise(model, x): Tweedie's estimate of the clean points, E[x | x̃] = x̃ + σ²·∇log p_σ(x̃): for a
        DAE trained with σ this is r(x̃) (paper eq. 5 turned around); for a ladder, its smallest level.
        What MH or Langevin with a DAE samples is the data blurred by N(0, σ²I); one denoising step
        brings the draws back near the data. x: a Dataset, a list of rows or a Chain (its samples).

            c = sample(ae, mh(0.1), 1000, start: data)
            sharp = denoise(ae, c)
        """
    ) { args in
        let points = try args.samples("x")
        let (field, sigma): (any ScoreField, Double)
        switch args["model"] {
        case .object(let l as LadderValue):
            (field, sigma) = (l.ladder.levels[l.ladder.sigmas.count - 1], l.ladder.smallestSigma)
        case .object(let m as ModelValue):
            guard case .dae(let s) = m.model.kind else {
                throw NativeError("denoise(): the model must be a DAE (its sigma is the noise it removes), not a \(m.model.kind.name)",
                                  argument: "model")
            }
            guard m.model.isInitialized else {
                throw NativeError("denoise(): the model is not trained yet", argument: "model", hint: "train it first: train(ae, data)")
            }
            (field, sigma) = (m.model, s)
        default:
            throw args.mismatch("model", expected: "a DAE or a ladder")
        }
        guard points.dim == field.dim else {
            throw NativeError("denoise(): x is \(points.dim)-dimensional but the model is \(field.dim)-dimensional", argument: "x")
        }
        return .dataset(tweedieDenoise(points, field: field, sigma: sigma, threads: args.context.options.threads))
    }

    /// sample(ladder, annealed_langevin(...), n, start:, denoise:): n chains, one draw each.
    static func sample(_ args: Arguments, ladder value: LadderValue, sampler: Sampler) throws -> Value {
        guard case .annealedLangevin(let eps, let steps) = sampler.method else {
            throw NativeError("sample(): a ladder is sampled by annealed_langevin(eps), not \(sampler.description)",
                              argument: "sampler", hint: "or sample one of its levels: l.models[i]")
        }
        let ladder = value.ladder
        let n = try args.int("n", in: 1...Int.max)
        for (name, standard) in [("chains", 4), ("burn", 1000), ("thin", 1)] where try args.int(name) != standard {
            throw NativeError("sample(): annealed Langevin runs one chain per draw: chains, burn and thin do not apply",
                              argument: name, hint: "leave them out; n is the number of chains, steps_per_level their length")
        }
        let d = ladder.dim
        guard n.multipliedReportingOverflow(by: d).overflow == false, n * d <= args.context.options.maxElements,
              n.multipliedReportingOverflow(by: ladder.sigmas.count * steps).overflow == false,
              n * ladder.sigmas.count * steps <= SamplingBuiltins.maxChainSteps else {
            throw NativeError("sample(): \(n) draws of \(ladder.sigmas.count) levels × \(steps) steps is too many", argument: "n",
                              hint: "lower n or steps_per_level")
        }
        let start = try SamplingBuiltins.chainStart(args, dim: d, default: .noise(sd: ladder.sigmas[0]),
                                                    noiseSD: ladder.sigmas[0])
        let denoise = args.isNil("denoise") ? true : try args.bool("denoise")
        let context = args.context
        let bar = context.progress("sample", total: ladder.sigmas.count * steps)
        let chain: Chain
        do {
            chain = try runAnnealedLangevin(ladder: ladder, eps: eps, stepsPerLevel: steps, chains: n, start: start,
                                            seed: context.numerics.nextSeed(), denoise: denoise,
                                            threads: context.options.threads) { done, _ in
                bar.update(done, status: "level \(min(ladder.sigmas.count, done / steps + 1))/\(ladder.sigmas.count)")
                return !context.isInterrupted
            }
        } catch let error as SamplingError {
            throw NativeError("sample(): \(error.message)")
        }
        bar.finish(status: "\(n) draws, \(ladder.sigmas.count) levels × \(steps) steps" + (chain.interrupted ? ", interrupted" : ""))
        if chain.interrupted { try context.checkDeadline() }
        return .object(ChainValue(chain))
    }
}
