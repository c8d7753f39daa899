/// How chains moved along a built-in data curve: each draw's arc-length position on the curve (see
/// ``CurveJudging/positions(_:on:threads:)``), the stretch of the curve each chain visited, and R̂ and
/// bulk ESS of the position, the one coordinate in which mixing along a 1-d curve shows.
///
/// A chain that never moves has span 0; chains that each saw only their own stretch of the curve have
/// R̂ well above 1.01 even when together they cover the whole curve.
///
///     let along = CurveTravel(chain: chain, curve: Manifold10.standard)
///     along.span.min()   // the least-travelled chain's stretch, in arc length
public struct CurveTravel {
    /// The curve's total arc length.
    public let length: Double
    /// Per chain, the arc position of each draw.
    public let positions: [[Double]]
    /// Per chain, max − min of its positions: the stretch of the curve it visited.
    public let span: [Double]
    /// Rank-normalised split-R̂ of the position.
    public let rhat: Double
    /// Bulk ESS of the position.
    public let ess: Double

    public init(chain: Chain, curve: any DataCurve, threads: Int = 0) {
        precondition(chain.dim == curve.dimension)
        length = curve.length
        positions = chain.draws.map { CurveJudging.positions($0, on: curve, threads: threads) }
        span = positions.map { ($0.max() ?? 0) - ($0.min() ?? 0) }
        rhat = ChainDiagnostics.rhat(positions)
        ess = ChainDiagnostics.essBulk(positions)
    }
}
