import AELang
import AENumerics

/// The result of `sample(...)`: `c.samples` (a Dataset, chain after chain), `c.acceptance` (per chain),
/// `c.rhat`, `c.ess`, `c.ess_tail`, `c.ess_per_second` (per dimension), `c.chains`, `c.draws`,
/// `c.seconds`, `c.interrupted`, `c.travel` (per chain); `c[m]` is chain m's draws as a Dataset;
/// `len(c)` the draws per chain.
final class ChainValue: HostObject {
    static let typeName = "Chain"
    let chain: Chain
    private lazy var rhat = chain.rhat
    private lazy var ess = chain.essBulk

    init(_ chain: Chain) { self.chain = chain }

    var summary: String {
        let acceptance = chain.acceptance.reduce(0, +) / Double(chain.chainCount)
        let worst = rhat.filter { !$0.isNaN }.max()
        let r = worst.map { "max R̂ \(formatNumber(($0 * 1000).rounded() / 1000))" } ?? "R̂ n/a"
        let stopped = chain.interrupted ? ", interrupted" : ""
        return "Chain(\(chain.chainCount) chains × \(chain.length) draws, \(chain.dim)-D, acceptance "
            + "\(formatNumber((acceptance * 1000).rounded() / 1000)), \(r)\(stopped))"
    }

    var count: Int? { chain.length }

    var attributeNames: [String] {
        ["samples", "acceptance", "rhat", "ess", "ess_tail", "ess_per_second", "chains", "draws", "dim", "seconds",
         "interrupted", "sampler", "travel"]
    }

    func attribute(_ name: String) -> Value? {
        func numbers(_ xs: [Double]) -> Value { .list(xs.map(Value.number)) }
        switch name {
        case "samples": return .dataset(chain.samples)
        case "acceptance": return numbers(chain.acceptance)
        case "rhat": return numbers(rhat)
        case "ess": return numbers(ess)
        case "ess_tail": return numbers(chain.essTail)
        case "ess_per_second": return numbers(ess.map { $0 / max(chain.seconds, 1e-12) })
        case "chains": return .number(Double(chain.chainCount))
        case "draws": return .number(Double(chain.length))
        case "dim": return .number(Double(chain.dim))
        case "seconds": return .number(chain.seconds)
        case "interrupted": return .bool(chain.interrupted)
        case "sampler": return .object(SamplerValue(chain.sampler))
        case "travel": return numbers(chain.travel)
        default: return nil
        }
    }

    func element(_ index: Value) throws -> Value? {
        .dataset(chain.draws[try Indexing("Chain", of: "chain").position(index, count: chain.chainCount)])
    }
}

extension Arguments {
    /// Samples to judge: a Dataset (or list of rows), or a Chain (its `samples`).
    func samples(_ name: String) throws -> Dataset {
        if case .object(let c as ChainValue) = self[name] { return c.chain.samples }
        return try dataset(name)
    }
}
