/// The result of ``runChains(field:sampler:draws:chains:burn:thin:start:seed:threads:progress:)``:
/// M chains of N draws each, with per-chain acceptance and per-dimension diagnostics.
///
///     chain.samples          // all draws, chain after chain (M·N × d)
///     chain.rhat             // rank-normalised split-R̂ per dimension
///     chain.essBulk          // bulk ESS per dimension
///     chain.summary().text   // a Stan/ArviZ-like table
public struct Chain {
    /// Chain m's draws, N × d.
    public let draws: [Dataset]
    /// Fraction of accepted proposals after burn-in, per chain (1 for unadjusted Langevin).
    public let acceptance: [Double]
    /// Wall-clock seconds of the whole run, burn-in included.
    public let seconds: Double
    public let sampler: Sampler
    /// True when the run was stopped early; the draws are those recorded until then.
    public let interrupted: Bool
    /// How far each chain moved: the sum of ‖x_{t+1} − x_t‖ over every step, burn-in included. A chain
    /// that never accepts has travel 0. Along a built-in curve, ``CurveTravel`` measures the stretch of
    /// the curve each chain visited.
    public let travel: [Double]

    public init(draws: [Dataset], acceptance: [Double], seconds: Double, sampler: Sampler, interrupted: Bool = false,
                travel: [Double]? = nil) {
        precondition(!draws.isEmpty && draws.allSatisfy { $0.n == draws[0].n && $0.dim == draws[0].dim })
        self.draws = draws
        self.acceptance = acceptance
        self.seconds = seconds
        self.sampler = sampler
        self.interrupted = interrupted
        self.travel = travel ?? [Double](repeating: .nan, count: draws.count)
    }

    public var chainCount: Int { draws.count }
    /// Draws per chain.
    public var length: Int { draws[0].n }
    public var dim: Int { draws[0].dim }

    /// Every draw, chain 0's first, then chain 1's, ...
    public var samples: Dataset {
        Dataset(rows: chainCount * length, dim: dim, values: draws.flatMap { $0.values })
    }

    /// The draws of dimension j, one array per chain.
    public func component(_ j: Int) -> [[Double]] { draws.map { $0.column(j) } }

    public var rhat: [Double] { (0..<dim).map { ChainDiagnostics.rhat(component($0)) } }
    public var essBulk: [Double] { (0..<dim).map { ChainDiagnostics.essBulk(component($0)) } }
    public var essTail: [Double] { (0..<dim).map { ChainDiagnostics.essTail(component($0)) } }
    /// Bulk ESS per second of the whole run.
    public var essPerSecond: [Double] { essBulk.map { $0 / max(seconds, 1e-12) } }

    /// The autocorrelation at `lag` per dimension, averaged over chains (each chain's γ_lag / γ₀).
    public func autocorrelation(lag: Int) -> [Double] {
        (0..<dim).map { j in
            let values = component(j).map { chain -> Double in
                guard lag >= 0, lag < chain.count else { return .nan }
                let acov = autocovariance(chain)
                return acov[0] > 0 ? acov[lag] / acov[0] : .nan
            }
            return values.reduce(0, +) / Double(values.count)
        }
    }
}
