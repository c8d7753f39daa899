import RealModule

/// A 1-D or 2-D density p(x) = exp(−E(x))/Z from an energy function, e.g. one written in a script.
///
/// Z is the trapezoidal rule over a box (outside it p is taken to be 0, so the box must hold all but a
/// negligible part of the mass); the score and Hessian are central differences of E; draws come from
/// the tabulated density (a node's cell chosen by its mass, then a uniform point in the cell), exact up
/// to the grid's resolution.
///
///     let p = EnergyDensity(dim: 1, box: [-4...4], steps: 2001) { x in x[0] * x[0] / 2 }
///     p.score(at: [1])    // ≈ [−1]
public final class EnergyDensity: Density {
    public let dim: Int
    public let box: [ClosedRange<Double>]
    public let energyFunction: ([Double]) -> Double
    public let logNormaliser: Double
    public let quadratureGrid: QuadratureGrid?
    /// Cumulative mass of the grid cells around each node, for drawing.
    let cumulative: [Double]
    public let name: String
    public let isThreadSafe: Bool

    /// `steps` nodes per axis (at least 3). `threadSafe: false` (the default) keeps every call to
    /// `energy` on the calling thread, as a script interpreter needs.
    public init(dim: Int, box: [ClosedRange<Double>], steps: Int, name: String = "fn",
                threadSafe: Bool = false, energy: @escaping ([Double]) -> Double) {
        precondition((dim == 1 || dim == 2) && box.count == dim && steps >= 3)
        self.dim = dim
        self.box = box
        self.energyFunction = energy
        self.name = name
        self.isThreadSafe = threadSafe
        let axes = box.map { r in (0..<steps).map { r.lowerBound + (r.upperBound - r.lowerBound) * Double($0) / Double(steps - 1) } }
        var negE = [Double]()
        var weights = [Double]()   // trapezoid weights (product over axes)
        if dim == 1 {
            for (i, x) in axes[0].enumerated() {
                negE.append(-energy([x]))
                weights.append(i == 0 || i == steps - 1 ? 0.5 : 1)
            }
        } else {
            for (i, x) in axes[0].enumerated() {
                let wi = i == 0 || i == steps - 1 ? 0.5 : 1.0
                for (j, y) in axes[1].enumerated() {
                    negE.append(-energy([x, y]))
                    weights.append(wi * (j == 0 || j == steps - 1 ? 0.5 : 1))
                }
            }
        }
        let cell = axes.map { $0[1] - $0[0] }.reduce(1, *)
        let top = negE.filter { $0.isFinite }.max() ?? 0
        var sum = 0.0
        var cumulative = [Double]()
        cumulative.reserveCapacity(negE.count)
        for k in negE.indices {
            let m = negE[k].isNaN ? 0 : weights[k] * Double.exp(negE[k] - top)
            sum += m
            cumulative.append(sum)
        }
        let logZ = Double.log(sum * cell) + top
        self.logNormaliser = logZ
        self.cumulative = cumulative.map { $0 / sum }
        self.quadratureGrid = QuadratureGrid(axes: axes, logp: negE.map { $0 - logZ })
    }

    /// True when the normaliser is a finite positive number (E finite somewhere on the box).
    public var isNormalisable: Bool { logNormaliser.isFinite }

    public func logp(_ x: [Double]) -> Double { -energyFunction(x) - logNormaliser }

    /// The central-difference step along axis k at x: small against the box, scaled with |x|.
    func step(_ x: Double) -> Double { 1e-5 * max(1, abs(x)) }

    public func score(at x: [Double]) -> [Double] {
        (0..<dim).map { k in
            let h = step(x[k])
            var plus = x, minus = x
            plus[k] += h; minus[k] -= h
            return -(energyFunction(plus) - energyFunction(minus)) / (2 * h)
        }
    }

    /// Second central differences of E with a larger step (1e-4) to keep rounding below 1e-8.
    public func hessian(at x: [Double]) -> [Double] {
        var h = [Double](repeating: 0, count: dim * dim)
        let e0 = energyFunction(x)
        let steps = x.map { 1e-4 * max(1, abs($0)) }
        for i in 0..<dim {
            var plus = x, minus = x
            plus[i] += steps[i]; minus[i] -= steps[i]
            h[i * dim + i] = -(energyFunction(plus) - 2 * e0 + energyFunction(minus)) / (steps[i] * steps[i])
            for j in 0..<i {
                var pp = x, pm = x, mp = x, mm = x
                pp[i] += steps[i]; pp[j] += steps[j]
                pm[i] += steps[i]; pm[j] -= steps[j]
                mp[i] -= steps[i]; mp[j] += steps[j]
                mm[i] -= steps[i]; mm[j] -= steps[j]
                let v = -(energyFunction(pp) - energyFunction(pm) - energyFunction(mp) + energyFunction(mm))
                    / (4 * steps[i] * steps[j])
                h[i * dim + j] = v; h[j * dim + i] = v
            }
        }
        return h
    }

    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        let grid = quadratureGrid!
        var out = Dataset(rows: n, dim: dim)
        for r in 0..<n {
            let u = rng.uniform()
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {   // the first node whose cumulative mass exceeds u
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            let node = grid.node(lo)
            for k in 0..<dim {
                let h = grid.spacing(k)
                // The node's cell, cut by the box at the edges (where the trapezoid weight is halved).
                let a = max(node[k] - h / 2, box[k].lowerBound), b = min(node[k] + h / 2, box[k].upperBound)
                out[r, k] = a + (b - a) * rng.uniform()
            }
        }
        return out
    }
}
