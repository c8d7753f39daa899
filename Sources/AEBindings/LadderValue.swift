import AELang
import AENumerics

/// A ladder of noise levels as scripts see it (made by `ladder(...)`): `l.sigmas`, `l.levels`,
/// `l.models` (the DAEs, one per level, for a ladder trained on data), `l.dim`, `l.seconds` (training
/// time per level), `l.data`; printed as `Ladder(8 levels, sigma 1 … 0.01, dim 2, DAEs hidden 100)`.
final class LadderValue: HostObject {
    static let typeName = "Ladder"
    let ladder: NoiseLadder
    /// The DAEs of a ladder trained on data (empty for a density's exact ladder).
    let models: [ModelValue]
    /// Training seconds per level (empty when nothing was trained).
    let seconds: [Double]
    /// What the levels are, for the summary: "DAEs hidden 100" or "exact, normal".
    let label: String
    /// The data the DAEs were trained on, if known.
    let trainingData: Dataset?

    init(_ ladder: NoiseLadder, models: [ModelValue], seconds: [Double], label: String, trainingData: Dataset?) {
        self.ladder = ladder
        self.models = models
        self.seconds = seconds
        self.label = label
        self.trainingData = trainingData
    }

    var summary: String {
        let s = ladder.sigmas
        let range = s.count == 1 ? formatNumber(s[0]) : "\(formatNumber(s[0])) … \(formatNumber(s[s.count - 1]))"
        return "Ladder(\(s.count) level\(s.count == 1 ? "" : "s"), sigma \(range), dim \(ladder.dim), \(label))"
    }

    var count: Int? { ladder.sigmas.count }
    var attributeNames: [String] { ["sigmas", "levels", "models", "dim", "seconds", "data"] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "sigmas": return .list(ladder.sigmas.map(Value.number))
        case "levels": return .number(Double(ladder.sigmas.count))
        case "models": return .list(models.map { .object($0) })
        case "dim": return .number(Double(ladder.dim))
        case "seconds": return .list(seconds.map(Value.number))
        case "data": return trainingData.map { Value.dataset($0) } ?? .nil
        default: return nil
        }
    }
}
