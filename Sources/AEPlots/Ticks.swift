import Foundation

/// Readable axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph
/// labels", Graphics Gems, 1990).
///
///     NiceTicks(lower: 0.13, upper: 0.97, count: 5).values   // [0.2, 0.4, 0.6, 0.8]
public struct NiceTicks: Equatable {
    /// The distance between neighbouring ticks.
    public let step: Double
    /// The ticks inside [lower, upper], from low to high.
    public let values: [Double]
    /// The digits after the decimal point that every tick label needs.
    public let fractionDigits: Int

    /// The ticks inside [lower, upper], about `count` of them.
    public init(lower: Double, upper: Double, count: Int = 5) {
        precondition(lower.isFinite && upper.isFinite && lower < upper)
        // Heckbert first rounds the range up to a nice number; for ticks kept inside the range (rather
        // than an axis stretched to the outer ticks) that halves the tick count too often, so the step
        // is the nice number nearest range / (count − 1).
        let step = NiceTicks.nice((upper - lower) / Double(max(count - 1, 1)), round: true)
        self.step = step
        // Multiples k·step, computed from k so that no rounding error accumulates.
        let slack = step * 1e-9
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        var values: [Double] = []
        if first <= last {
            for k in Int(first)...Int(last) {
                let v = Double(k) * step
                if v >= lower - slack && v <= upper + slack { values.append(v == 0 ? 0 : v) }
            }
        }
        self.values = values
        fractionDigits = max(-Int(floor(log10(step) + 1e-9)), 0)
    }

    /// Heckbert's nice number near x: 1, 2, 5 or 10 times a power of ten; rounded to the nearest when
    /// `round`, else the smallest not below x.
    public static func nice(_ x: Double, round: Bool) -> Double {
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }

    /// The label of a tick: `0.25`, `-1.5`, `2000`; very large or small values in exponent form (`1e+06`).
    public func label(_ value: Double) -> String {
        let magnitude = max(abs(values.first ?? value), abs(values.last ?? value))
        if magnitude >= 1e6 || fractionDigits > 5 {
            return NiceTicks.clean(String(format: "%.2g", value))
        }
        return NiceTicks.clean(String(format: "%.\(fractionDigits)f", value))
    }

    static func clean(_ s: String) -> String {
        // A tick at -0.0 (or rounding to it) reads as 0.
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }
}
