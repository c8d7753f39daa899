import Foundation

/// The seeded data generators behind `spiral`, `circle`, `gaussian`, `mixture`, `manifold10` and
/// `grid`. Each draws only from the generator it is given, in a fixed order, so the same seed gives
/// the same data on every machine and for any thread count.
///
///     var rng = Xoshiro256(seed: 1)
///     let data = DataGenerators.spiral(1000, noise: 0.01, rng: &rng)   // 1000 × 2
public enum DataGenerators {
    /// The paper's Figure 5 data (§3.4): t ~ U(3, 12), (0.04·t·sin t, 0.04·t·cos t), plus isotropic
    /// Gaussian noise of standard deviation `noise` (draw order per point: t, then the noise for x, y).
    public static func spiral(_ n: Int, noise: Double = 0, rng: inout Xoshiro256) -> Dataset {
        let k = SpiralCurve.scale
        return planeCurve(n, parameter: SpiralCurve.tRange, noise: noise, rng: &rng) { t in (k * t * sin(t), k * t * cos(t)) }
    }

    /// Points on the circle of the given radius around the origin, angle θ ~ U(0, 2π), plus isotropic
    /// Gaussian noise of standard deviation `noise`.
    public static func circle(_ n: Int, radius: Double = 1, noise: Double = 0, rng: inout Xoshiro256) -> Dataset {
        planeCurve(n, parameter: 0...(2 * Double.pi), noise: noise, rng: &rng) { theta in
            (radius * cos(theta), radius * sin(theta))
        }
    }

    /// n points c(u) of a plane curve at u ~ U(range), plus isotropic Gaussian noise of standard
    /// deviation `noise` (draw order per point: u, then the noise for x, then for y).
    private static func planeCurve(_ n: Int, parameter range: ClosedRange<Double>, noise: Double, rng: inout Xoshiro256,
                                   _ curve: (Double) -> (x: Double, y: Double)) -> Dataset {
        var data = Dataset(rows: n, dim: 2)
        for i in 0..<n {
            var (x, y) = curve(rng.uniform(range.lowerBound, range.upperBound))
            if noise > 0 {
                x += noise * rng.normal()
                y += noise * rng.normal()
            }
            data.values[2 * i] = x
            data.values[2 * i + 1] = y
        }
        return data
    }

    /// n draws from N(mean, diag(sd²)) (mean and sd of equal length).
    public static func gaussian(_ n: Int, mean: [Double], sd: [Double], rng: inout Xoshiro256) -> Dataset {
        GaussianSpec(mean: mean, sd: sd).draw(n, rng: &rng)
    }

    /// n draws from the mixture Σ_k w_k·N(component_k): per point, a component with probability
    /// proportional to its weight (one uniform), then its draw. `weights` need not sum to one.
    public static func mixture(_ n: Int, components: [GaussianSpec], weights: [Double],
                               rng: inout Xoshiro256) -> Dataset {
        precondition(!components.isEmpty && components.count == weights.count)
        let d = components[0].dimension
        let total = weights.reduce(0, +)
        var cumulative = [Double]()
        var running = 0.0
        for w in weights { running += w / total; cumulative.append(running) }
        var data = Dataset(rows: n, dim: d)
        for i in 0..<n {
            let u = rng.uniform()
            let k = cumulative.firstIndex(where: { u < $0 }) ?? components.count - 1
            components[k].draw(into: &data.values, at: i * d, rng: &rng)
        }
        return data
    }

    /// The 10-D data of Figure 6: see ``Manifold10``.
    public static func manifold10(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        Manifold10.standard.draw(n, rng: &rng)
    }

    /// `steps` evenly spaced values from `lo` to `hi` inclusive (steps ≥ 2), computed as
    /// lo + (hi − lo)·i/(steps − 1) so both ends are exact.
    public static func linspace(_ lo: Double, _ hi: Double, _ steps: Int) -> [Double] {
        precondition(steps >= 2)
        return (0..<steps).map { i in i == steps - 1 ? hi : lo + (hi - lo) * Double(i) / Double(steps - 1) }
    }

    /// The 2-D points of a regular grid, xSteps × ySteps of them, x varying fastest:
    /// row j·xSteps + i is (x_i, y_j), as NumPy's `np.meshgrid(xs, ys)` raveled.
    public static func grid(x: ClosedRange<Double>, y: ClosedRange<Double>, xSteps: Int, ySteps: Int) -> Dataset {
        let xs = linspace(x.lowerBound, x.upperBound, xSteps)
        let ys = linspace(y.lowerBound, y.upperBound, ySteps)
        var data = Dataset(rows: xSteps * ySteps, dim: 2)
        for j in 0..<ySteps {
            for i in 0..<xSteps {
                data.values[2 * (j * xSteps + i)] = xs[i]
                data.values[2 * (j * xSteps + i) + 1] = ys[j]
            }
        }
        return data
    }

    /// A 1-D grid: `steps` evenly spaced points from lo to hi, as a steps × 1 dataset.
    public static func grid(_ range: ClosedRange<Double>, steps: Int) -> Dataset {
        Dataset(rows: steps, dim: 1, values: linspace(range.lowerBound, range.upperBound, steps))
    }
}
