import Foundation

/// One row of a chain summary: a dimension's posterior mean and spread, and how well it was estimated.
public struct ChainSummaryRow: Equatable {
    public let name: String
    public let mean: Double
    public let sd: Double
    /// Monte Carlo standard error of the mean, sd / √ESS_mean (ESS of the raw split draws).
    public let mcse: Double
    public let essBulk: Double
    public let essTail: Double
    public let rhat: Double
}

/// The per-dimension table that Stan's `print` and ArviZ's `summary` show.
public struct ChainSummary {
    public let rows: [ChainSummaryRow]
    public let chains: Int
    public let draws: Int

    /// The table as text, columns aligned, numbers to 3 significant digits (R̂ to 3 decimals):
    ///
    ///           mean      sd    mcse  ess_bulk  ess_tail   r_hat
    ///     x0   0.012   1.003   0.021      2412      2876   1.001
    public var text: String {
        let header = ["", "mean", "sd", "mcse", "ess_bulk", "ess_tail", "r_hat"]
        var table = [header]
        for r in rows {
            table.append([r.name, sig(r.mean), sig(r.sd), sig(r.mcse), whole(r.essBulk), whole(r.essTail),
                          r.rhat.isFinite ? String(format: "%.3f", r.rhat) : "nan"])
        }
        let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
        let lines = table.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return "\(chains) chains × \(draws) draws\n" + lines.joined(separator: "\n")
    }

    private func sig(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        let s = String(format: "%.3g", x)
        return s == "-0" ? "0" : s
    }

    private func whole(_ x: Double) -> String { x.isFinite ? String(Int(x.rounded())) : "nan" }
}

extension Chain {
    /// Mean, sd, MCSE, bulk and tail ESS and R̂ for every dimension (named x0, x1, ...).
    public func summary() -> ChainSummary {
        let rows = (0..<dim).map { j -> ChainSummaryRow in
            let parts = component(j)
            let all = parts.flatMap { $0 }
            let mean = all.reduce(0, +) / Double(all.count)
            let sd = variance(all).squareRoot()
            let essMean = ChainDiagnostics.essMean(parts)
            return ChainSummaryRow(name: "x\(j)", mean: mean, sd: sd, mcse: sd / essMean.squareRoot(),
                                   essBulk: ChainDiagnostics.essBulk(parts), essTail: ChainDiagnostics.essTail(parts),
                                   rhat: ChainDiagnostics.rhat(parts))
        }
        return ChainSummary(rows: rows, chains: chainCount, draws: length)
    }
}
