import AELang
import AENumerics

/// Samplers and `sample` (paper §4): approximate Metropolis–Hastings with the learned score,
/// Langevin and MALA; chain diagnostics and sample judging live in ChainBuiltins and JudgingBuiltins.
enum SamplingBuiltins {
    static var functions: [Function] {
        [mh, langevin, mala, sample] + ChainBuiltins.functions + JudgingBuiltins.functions + LadderBuiltins.functions
    }

    static let rules = PathRule.allCases.map(\.rawValue)

    static func pathRule(_ args: Arguments) throws -> (Int, PathRule) {
        let rule = PathRule(rawValue: try args.choice("rule", rules))!
        let steps = try args.int("steps", in: (rule == .endpoints ? 2 : 1)...10_000)
        return (steps, rule)
    }

    /// A number or a list of numbers (not of rows): one starting point.
    static func isPoint(_ value: Value) -> Bool {
        switch value {
        case .number: return true
        case .list(let items): return !items.isEmpty && items.allSatisfy { if case .number = $0 { return true }; return false }
        default: return false
        }
    }

    static let mh = Function(
        name: "mh",
        parameters: [Parameter("sigma_mh"), Parameter("steps", default: .number(20)),
                     Parameter("rule", default: .string("even")), Parameter("exact", default: .bool(false))],
        doc: """
        mh(sigma_mh, steps: 20, rule: "even", exact: false): approximate Metropolis-Hastings (paper §4.2).

        Proposes x* = x + N(0, sigma_mh² I) and accepts with probability min(1, exp(-ΔE)), where
        ΔE = E(x*) - E(x) is the path integral of eq. (12) along the segment x → x*, computed from the
        model's score (r(x) - x)/σ² at `steps` points:
          rule: "even"       midpoints t = (k + 1/2)/steps, weights 1/steps (endpoints not included);
                             exact for a quadratic energy — the paper's 20 evenly spaced points
          rule: "gauss"      Gauss-Legendre nodes and weights: 3 or 4 nodes match 20 even points
          rule: "endpoints"  eq. (13) to the letter: x1 = x, ..., x_steps = x*, equal weights
        exact: true uses a density's exact energy instead (ground truth; not for models).

            ae = dae(hidden: 1000, sigma: 0.1); train(ae, manifold10(10000))
            c = sample(ae, mh(0.1), 5000)
            c2 = sample(ae, mh(0.1, steps: 4, rule: "gauss"), 5000)   # same chain law, faster
        """
    ) { args in
        let sigma = try args.positive("sigma_mh")
        let (steps, rule) = try pathRule(args)
        return .object(SamplerValue(.mh(sigma: sigma, steps: steps, rule: rule, exactEnergy: try args.bool("exact"))))
    }

    static let langevin = Function(
        name: "langevin",
        parameters: [Parameter("step")],
        doc: """
        langevin(step): unadjusted Langevin dynamics with the model's score:
        x' = x + step·score(x) + sqrt(2·step)·N(0, I). Every move is accepted, so the chain is biased by
        O(step); mala(step) removes the bias.

            c = sample(ae, langevin(1e-4), 5000)
        """
    ) { args in
        .object(SamplerValue(.langevin(step: try args.positive("step"))))
    }

    static let mala = Function(
        name: "mala",
        parameters: [Parameter("step"), Parameter("steps", default: .number(20)),
                     Parameter("rule", default: .string("even")), Parameter("exact", default: .bool(false))],
        doc: """
        mala(step, steps: 20, rule: "even", exact: false): Metropolis-adjusted Langevin. Proposes
        x* = x + step·score(x) + sqrt(2·step)·N(0, I) and accepts with
        min(1, exp(-ΔE)·q(x|x*)/q(x*|x)), the asymmetric proposal corrected; ΔE by the path integral
        as in mh (same `steps` and `rule`), or exact for a density with exact: true.

            c = sample(ae, mala(1e-4, steps: 4, rule: "gauss"), 5000)
        """
    ) { args in
        let step = try args.positive("step")
        let (steps, rule) = try pathRule(args)
        return .object(SamplerValue(.mala(step: step, steps: steps, rule: rule, exactEnergy: try args.bool("exact"))))
    }

    /// The most Metropolis–Hastings steps one sample() call may take, over all chains: at a microsecond a
    /// step this is hours, so anything larger is a mistake, not a run.
    static let maxChainSteps = 10_000_000_000

    static let sample = Function(
        name: "sample",
        parameters: [Parameter("model"), Parameter("sampler"), Parameter("n"), Parameter("chains", default: .number(4)),
                     Parameter("burn", default: .number(1000)), Parameter("thin", default: .number(1)),
                     Parameter("start", default: .nil), Parameter("denoise", default: .nil)],
        doc: """
        sample(model, sampler, n, chains: 4, burn: 1000, thin: 1, start: nil, denoise: nil): run `chains`
        Markov chains of `sampler` on a model's (or density's) score and keep n draws per chain, after
        `burn` discarded steps, one every `thin` steps. Returns a Chain (c.samples, c.acceptance, c.rhat,
        c.ess, c.ess_per_second, c.travel; summary(c)).

        start: a Dataset (each chain starts at a random row), a point [x, y, ...], "noise" (each chain at
        its own draw of N(0, I); for a ladder N(0, σ_1²I)), or nil: the data the model was last trained
        on (a model made by load() does not keep it: pass start), the origin for a density or an optimal
        DAE, noise for a ladder. All path points of all chains go through the model in one batched pass
        per step; the same seed gives the same chains for any --threads.

        denoise: true replaces every kept draw x̃ by r(x̃) (a DAE's Tweedie estimate of the clean point,
        see denoise()): a DAE's chains sample the data blurred by its σ, and this step removes the blur.
        For a ladder, sample(l, annealed_langevin(eps), n) runs n chains, one draw each, and denoises
        unless denoise: false.

        Ctrl-C stops the chains and sample returns the draws so far (c.interrupted is true): typed at the
        prompt, the REPL shows the partial Chain (no draws if it came during burn-in) and keeps it in
        `ans`. A running script is still stopped: the interrupt stays set until the evaluator's next
        check (it checks every 1024 steps, so a statement or two may still run).

            ae = dae(hidden: 1000, sigma: 0.1); data = manifold10(10000); train(ae, data)
            c = sample(ae, mh(0.1), 5000, start: data)
            summary(c)
        """
    ) { args in
        let sampler = try args.object("sampler", as: SamplerValue.self).sampler
        if case .object(let ladder as LadderValue) = args["model"] {
            return try LadderBuiltins.sample(args, ladder: ladder, sampler: sampler)
        }
        if case .annealedLangevin = sampler.method {
            throw NativeError("sample(): annealed_langevin samples a ladder of noise levels, not a single model",
                              argument: "model", hint: "make one with ladder(data, sigmas: [...])")
        }
        let value = try args.scoreFieldValue("model")
        let field = try args.scoreField(of: value, "model")
        let n = try args.int("n", in: 1...Int.max)
        let chains = try args.int("chains", in: 1...100_000)
        let burn = try args.int("burn", in: 0...Int.max)
        let thin = try args.int("thin", in: 1...Int.max)
        let d = field.dim
        func defaultStart() throws -> ChainStart {
            if let data = value.trainingData { return .data(data) }
            if value is ModelValue {
                throw NativeError("sample(): the model's training data is not known (a loaded model does not keep it), so there is no default start",
                                  argument: "start", hint: "pass start: data (chains start at random rows) or a point")
            }
            return .point([Double](repeating: 0, count: d))   // a density or an optimal DAE
        }
        guard n.multipliedReportingOverflow(by: chains * d).overflow == false,
              n * chains * d <= args.context.options.maxElements else {
            throw NativeError("sample(): \(chains) chains × \(n) draws × \(d) dimensions is too many values",
                              argument: "n", hint: "the engine allows at most \(args.context.options.maxElements) values")
        }
        // Checked before any work: n × thin can overflow Int (a trap), and a run of more steps than
        // maxChainSteps would not finish in days.
        let (draws, drawsOverflow) = n.multipliedReportingOverflow(by: thin)
        let (steps, stepsOverflow) = burn.addingReportingOverflow(draws)
        let (total, totalOverflow) = steps.multipliedReportingOverflow(by: chains)
        if drawsOverflow || stepsOverflow || totalOverflow || total > maxChainSteps {
            let culprit = drawsOverflow || draws > maxChainSteps ? "thin" : "burn"
            throw NativeError("sample(): chains × (burn + n × thin) is more than \(formatNumber(Double(maxChainSteps))) steps",
                              argument: culprit, hint: "lower n, thin, burn or chains")
        }
        let start = try chainStart(args, dim: d, default: try defaultStart(), noiseSD: 1)
        let denoise = args.isNil("denoise") ? false : try args.bool("denoise")
        var denoiser: AutoEncoder?
        if denoise {
            guard let ae = field as? AutoEncoder, case .dae = ae.kind else {
                throw NativeError("sample(): denoise: true needs a DAE (its σ is the blur it removes)", argument: "denoise")
            }
            denoiser = ae
        }
        if sampler.exactEnergy && !(field is EnergyField) {
            throw NativeError("sample(): exact: true needs a density with a known energy, not a model",
                              argument: "sampler", hint: "leave exact out to use the path integral of the score")
        }
        let context = args.context
        let bar = context.progress("sample", total: burn + n * thin)
        let chain: Chain
        let threads = value.isThreadSafe ? context.options.threads : 1
        let seed = context.numerics.nextSeed()
        do {
            chain = try value.checked {
                try runChains(field: field, sampler: sampler, draws: n, chains: chains, burn: burn, thin: thin,
                              start: start, seed: seed, threads: threads) { done, _ in
                    bar.update(done, status: done <= burn ? "burn-in" : "")
                    return !context.isInterrupted
                }
            }
        } catch let error as SamplingError {
            throw NativeError("sample(): \(error.message)")
        }
        let acceptance = chain.acceptance.reduce(0, +) / Double(chain.chainCount)
        bar.finish(status: "\(chain.chainCount) chains × \(chain.length) draws, acceptance "
                   + formatNumber((acceptance * 1000).rounded() / 1000)
                   + (chain.interrupted ? ", interrupted" : ""))
        if chain.interrupted { try context.checkDeadline() }
        if let denoiser {
            let draws = chain.draws.map { denoiser.reconstruct($0, threads: threads) }
            return .object(ChainValue(Chain(draws: draws, acceptance: chain.acceptance, seconds: chain.seconds,
                                            sampler: chain.sampler, interrupted: chain.interrupted, travel: chain.travel)))
        }
        return .object(ChainValue(chain))
    }

    /// The `start:` argument of sample(): nil gives `fallback` (it is only evaluated then: a model without
    /// known training data has no default), "noise" N(0, noiseSD²I), a point, or a Dataset.
    static func chainStart(_ args: Arguments, dim d: Int, default fallback: @autoclosure () throws -> ChainStart,
                           noiseSD: Double) throws -> ChainStart {
        if args.isNil("start") { return try fallback() }
        if case .string = args["start"] {
            _ = try args.choice("start", ["noise"])
            return .noise(sd: noiseSD)
        }
        if isPoint(args["start"]) {
            let point = try args.numbers("start")
            guard point.count == d else {
                throw NativeError("sample(): start has \(point.count) coordinates but the model is \(d)-dimensional",
                                  argument: "start")
            }
            guard point.allSatisfy(\.isFinite) else {
                throw NativeError("sample(): start must be finite", argument: "start")
            }
            return .point(point)
        }
        let data = try args.dataset("start")
        guard data.dim == d else {
            throw NativeError("sample(): start data is \(data.dim)-dimensional but the model is \(d)-dimensional",
                              argument: "start")
        }
        return .data(data)
    }
}
