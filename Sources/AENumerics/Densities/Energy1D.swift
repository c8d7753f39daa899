import RealModule

/// The one-dimensional density of the paper's Figure 3 (§3.3): p(x) = exp(−E(x))/Z with
///
///     E(x) = (a(x+1)² + 1)(2a·x² + 1)(3a(x−1)² + 1) / T,   a = 10, T = 1000,
///
/// three wells at −1, 0 and 1 of different depths. Z is computed by the trapezoidal rule over [−4, 4]
/// on 8001 nodes (E(±4) > 2·10⁴, so the mass outside is nil; the integrand and all its derivatives
/// vanish at the ends, which makes the trapezoidal rule spectrally accurate).
public final class Energy1D: Density {
    public let dim = 1
    public let a: Double
    public let temperature: Double
    /// log Z, Z = ∫ exp(−E(x)) dx.
    public let logNormaliser: Double
    public let quadratureGrid: QuadratureGrid?
    /// min E over [−4, 4] less a margin: the rejection sampler's envelope.
    let energyFloor: Double
    /// The interval [−4, 4] of the normaliser and of the sampler.
    public static let support: ClosedRange<Double> = -4...4

    public init(a: Double = 10, temperature: Double = 1000) {
        precondition(a > 0 && temperature > 0)
        self.a = a
        self.temperature = temperature
        let nodes = 8001
        let lo = Energy1D.support.lowerBound, hi = Energy1D.support.upperBound
        let h = (hi - lo) / Double(nodes - 1)
        let xs = (0..<nodes).map { lo + Double($0) * h }
        let energies = xs.map { Energy1D.energy($0, a: a, t: temperature) }
        let minimum = energies.min()!
        var sum = 0.0
        for (i, e) in energies.enumerated() {
            sum += (i == 0 || i == nodes - 1 ? 0.5 : 1) * Double.exp(minimum - e)
        }
        let logZ = Double.log(sum * h) - minimum
        self.logNormaliser = logZ
        self.energyFloor = minimum - 0.01
        self.quadratureGrid = QuadratureGrid(axes: [xs], logp: energies.map { -$0 - logZ })
    }

    public var name: String { "energy1d" }

    /// The three quadratic factors of E and their first derivatives.
    @inline(__always)
    static func factors(_ x: Double, a: Double) -> (f: (Double, Double, Double), df: (Double, Double, Double)) {
        let f1 = a * (x + 1) * (x + 1) + 1, f2 = 2 * a * x * x + 1, f3 = 3 * a * (x - 1) * (x - 1) + 1
        return ((f1, f2, f3), (2 * a * (x + 1), 4 * a * x, 6 * a * (x - 1)))
    }

    static func energy(_ x: Double, a: Double, t: Double) -> Double {
        let (f, _) = factors(x, a: a)
        return f.0 * f.1 * f.2 / t
    }

    /// E(x).
    public func energyValue(_ x: Double) -> Double { Energy1D.energy(x, a: a, t: temperature) }

    /// E′(x), by the product rule.
    public func energyDerivative(_ x: Double) -> Double {
        let (f, df) = Energy1D.factors(x, a: a)
        return (df.0 * f.1 * f.2 + f.0 * df.1 * f.2 + f.0 * f.1 * df.2) / temperature
    }

    /// E″(x): the second derivatives of the factors are 2a, 4a, 6a.
    public func energySecondDerivative(_ x: Double) -> Double {
        let (f, df) = Energy1D.factors(x, a: a)
        let second = 2 * a * f.1 * f.2 + 4 * a * f.0 * f.2 + 6 * a * f.0 * f.1
        let cross = 2 * (df.0 * df.1 * f.2 + df.0 * f.1 * df.2 + f.0 * df.1 * df.2)
        return (second + cross) / temperature
    }

    public func logp(_ x: [Double]) -> Double { -energyValue(x[0]) - logNormaliser }
    public func score(at x: [Double]) -> [Double] { [-energyDerivative(x[0])] }
    public func hessian(at x: [Double]) -> [Double] { [-energySecondDerivative(x[0])] }

    /// Exact draws by rejection: x ~ U(−4, 4), accepted with probability exp(−(E(x) − E_floor)) ≤ 1.
    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var out = [Double]()
        out.reserveCapacity(n)
        while out.count < n {
            let x = rng.uniform(Energy1D.support.lowerBound, Energy1D.support.upperBound)
            if rng.uniform() < Double.exp(energyFloor - energyValue(x)) { out.append(x) }
        }
        return Dataset(rows: n, dim: 1, values: out)
    }
}
