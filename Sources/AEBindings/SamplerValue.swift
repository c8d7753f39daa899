import AELang
import AENumerics

/// A sampler as scripts see it: `mh(0.1)`, `langevin(1e-4)`, `mala(1e-4)`.
final class SamplerValue: HostObject {
    static let typeName = "Sampler"
    let sampler: Sampler

    init(_ sampler: Sampler) { self.sampler = sampler }

    var summary: String { sampler.description }
    var attributeNames: [String] { ["kind", "step", "steps", "rule", "exact"] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "kind":
            switch sampler.method {
            case .metropolis: return .string("mh")
            case .langevin: return .string("langevin")
            case .mala: return .string("mala")
            case .annealedLangevin: return .string("annealed_langevin")
            }
        case "step":
            switch sampler.method {
            case .metropolis(let s), .langevin(let s), .mala(let s), .annealedLangevin(let s, _): return .number(s)
            }
        case "steps":
            if case .annealedLangevin(_, let steps) = sampler.method { return .number(Double(steps)) }
            return .number(Double(sampler.path.count))
        case "rule": return .string(sampler.path.rule.rawValue)
        case "exact": return .bool(sampler.exactEnergy)
        default: return nil
        }
    }
}
