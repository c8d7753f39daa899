import AELang
import AENumerics

/// Diagnostics of a Chain: `summary(chain)` and `autocorr(chain, lag)`.
enum ChainBuiltins {
    static var functions: [Function] { [summary, autocorr] }

    static let summary = Function(
        name: "summary",
        parameters: [Parameter("chain")],
        doc: """
        summary(chain): print a table per dimension, like Stan's and ArviZ's: mean, sd, mcse (Monte
        Carlo standard error of the mean), ess_bulk and ess_tail (effective sample sizes, Vehtari et al.
        2021), r_hat (rank-normalised split-R̂; below 1.01 when the chains agree).

            c = sample(normal(mean: [0, 0], sd: 1), mh(1, exact: true), 2000)
            summary(c)
        """
    ) { args in
        let chain = try args.object("chain", as: ChainValue.self).chain
        args.context.write(chain.summary().text + "\n")
        return .nil
    }

    static let autocorr = Function(
        name: "autocorr",
        parameters: [Parameter("chain"), Parameter("lag", default: .number(1))],
        doc: """
        autocorr(chain, lag: 1): the autocorrelation of the draws at `lag`, per dimension (the mean over
        chains of each chain's autocorrelation, from FFT autocovariances).

            autocorr(c, 10)    # e.g. [0.62, 0.58]
        """
    ) { args in
        let chain = try args.object("chain", as: ChainValue.self).chain
        let lag = try args.int("lag", in: 0...max(0, chain.length - 1))
        return .list(chain.autocorrelation(lag: lag).map(Value.number))
    }
}
