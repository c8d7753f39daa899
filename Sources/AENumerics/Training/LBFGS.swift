/// Limited-memory BFGS (Nocedal & Wright, 2nd ed., algorithm 7.4: the two-loop recursion, with the
/// initial Hessian scaled by sᵀy/yᵀy) and a line search satisfying the strong Wolfe conditions
/// (algorithms 3.5 and 3.6, c₁ = 1e-4, c₂ = 0.9, cubic interpolation in `zoom`).
final class LBFGS {
    let objective: TrainingObjective
    let options: TrainingOptions
    let c1 = 1e-4, c2 = 0.9
    var evaluations = 0
    private var s: [[Double]] = [], y: [[Double]] = []

    init(objective: TrainingObjective, options: TrainingOptions) {
        self.objective = objective
        self.options = options
    }

    /// The objective said stop (Ctrl-C, a deadline) in the middle of an evaluation.
    private struct Stopped: Error {}

    /// f and ∇f at θ.
    private func evaluate(_ theta: [Double], _ gradient: inout [Double]) throws -> Double {
        evaluations += 1
        let value = objective.evaluate(theta, gradient: &gradient, threads: options.threads)
        if objective.wasStopped { throw Stopped() }
        return value
    }

    func run(progress: (Int, Double, Double) -> Bool) throws -> TrainingResult {
        let model = objective.model
        var x = model.parameters
        var g = [Double](repeating: 0, count: x.count)
        var f: Double
        do {
            f = try evaluate(x, &g)
        } catch is Stopped {
            return TrainingResult(iterations: 0, evaluations: evaluations, loss: model.losses.last ?? .nan,
                                  gradientNorm: .nan, reason: .interrupted)
        }
        guard f.isFinite else {
            throw TrainingError(message: "train(): the loss is not finite (\(f)) at the starting parameters")
        }
        var gnorm = dot(g, g).squareRoot()
        var done = 0
        var reason = StopReason.iterations
        while done < options.iterations {
            if gnorm <= options.tolerance { reason = .tolerance; break }
            var p = direction(g)
            var slope = dot(g, p)
            if !(slope < 0) {
                s.removeAll(); y.removeAll()
                p = g.map { -$0 }
                slope = -gnorm * gnorm
            }
            let first = s.isEmpty ? min(1, 1 / gnorm) : 1
            var search: (Double, Double, [Double])?
            do {
                search = try lineSearch(x: x, f: f, g: g, p: p, slope: slope, initial: first)
                if search == nil && !s.isEmpty {
                    // The quasi-Newton direction failed: forget the curvature pairs and try steepest descent.
                    s.removeAll(); y.removeAll()
                    p = g.map { -$0 }
                    search = try lineSearch(x: x, f: f, g: g, p: p, slope: -gnorm * gnorm, initial: min(1, 1 / gnorm))
                }
            } catch is Stopped {
                reason = .interrupted      // mid-step: x is still the last accepted point
                break
            }
            guard let (alpha, fNew, gNew) = search else {
                if sawNonFinite {
                    model.parameters = x
                    throw TrainingError(message: "train(): the loss became non-finite at iteration \(model.iterations + 1); the last finite parameters are kept")
                }
                reason = .noProgress
                break
            }
            var step = p
            for k in step.indices { step[k] *= alpha }
            var change = gNew
            for k in change.indices { change[k] -= g[k] }
            if dot(step, change) > 1e-12 * dot(change, change).squareRoot() * dot(step, step).squareRoot() {
                s.append(step); y.append(change)
                if s.count > options.memory { s.removeFirst(); y.removeFirst() }
            }
            for k in x.indices { x[k] += step[k] }
            f = fNew
            g = gNew
            gnorm = dot(g, g).squareRoot()
            done += 1
            model.parameters = x
            model.losses.append(f)
            if !progress(done, f, gnorm) { reason = .interrupted; break }
        }
        model.parameters = x
        return TrainingResult(iterations: done, evaluations: evaluations, loss: f, gradientNorm: gnorm, reason: reason)
    }

    /// −H·g by the two-loop recursion.
    private func direction(_ g: [Double]) -> [Double] {
        var q = g
        let m = s.count
        var a = [Double](repeating: 0, count: m), rho = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) {
            rho[i] = 1 / dot(y[i], s[i])
            a[i] = rho[i] * dot(s[i], q)
            for k in q.indices { q[k] -= a[i] * y[i][k] }
        }
        if m > 0 {
            let gamma = dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1])
            for k in q.indices { q[k] *= gamma }
        }
        for i in 0..<m {
            let beta = rho[i] * dot(y[i], q)
            for k in q.indices { q[k] += s[i][k] * (a[i] - beta) }
        }
        for k in q.indices { q[k] = -q[k] }
        return q
    }

    private var sawNonFinite = false

    /// Algorithm 3.5: a step α along p with f(x + αp) ≤ f + c₁α·slope and |∇f(x + αp)·p| ≤ c₂|slope|.
    /// Returns nil when no such step is found (no further progress possible).
    private func lineSearch(x: [Double], f: Double, g: [Double], p: [Double], slope: Double,
                            initial: Double) throws -> (Double, Double, [Double])? {
        sawNonFinite = false
        var gTrial = [Double](repeating: 0, count: x.count)
        var trial = x
        func phi(_ alpha: Double) throws -> (Double, Double, [Double]) {
            for k in trial.indices { trial[k] = x[k] + alpha * p[k] }
            let value = try evaluate(trial, &gTrial)
            return (value, dot(gTrial, p), gTrial)
        }
        var previous = (alpha: 0.0, f: f, slope: slope)
        var previousGradient: [Double]? = nil
        var alpha = initial
        for i in 1...25 {
            let (value, d, gradient) = try phi(alpha)
            if !value.isFinite {
                // Too far: the loss overflowed. Step back towards the last good point.
                sawNonFinite = true
                alpha = previous.alpha + 0.1 * (alpha - previous.alpha)
                if alpha - previous.alpha < 1e-20 { return nil }
                continue
            }
            if value > f + c1 * alpha * slope || (i > 1 && value >= previous.f) {
                return try zoom(low: previous, high: (alpha, value, d), f: f, slope: slope, phi: phi,
                            lowGradient: i > 1 ? previousGradient : nil)
            }
            if abs(d) <= -c2 * slope { return (alpha, value, gradient) }
            if d >= 0 {
                return try zoom(low: (alpha, value, d), high: previous, f: f, slope: slope, phi: phi, lowGradient: gradient)
            }
            previousGradient = gradient
            previous = (alpha, value, d)
            alpha *= 2
        }
        return nil
    }

    /// Algorithm 3.6: shrinks the bracket [low, high] (low: the best point satisfying sufficient
    /// decrease) by safeguarded cubic interpolation until the strong Wolfe conditions hold.
    private func zoom(low lowIn: (alpha: Double, f: Double, slope: Double),
                      high highIn: (alpha: Double, f: Double, slope: Double),
                      f: Double, slope: Double, phi: (Double) throws -> (Double, Double, [Double]),
                      lowGradient: [Double]?) throws -> (Double, Double, [Double])? {
        var low = lowIn, high = highIn
        var bestGradient: [Double]? = lowGradient
        for _ in 0..<30 {
            let a = low.alpha, b = high.alpha
            var alpha = cubicMinimum(a, low.f, low.slope, b, high.f, high.slope)
            let lo = min(a, b), hi = max(a, b), width = hi - lo
            if !(alpha.isFinite && alpha > lo + 0.1 * width && alpha < hi - 0.1 * width) { alpha = (a + b) / 2 }
            if width <= 1e-16 * max(1, hi) { break }
            let (value, d, gradient) = try phi(alpha)
            if !value.isFinite {
                sawNonFinite = true
                high = (alpha, .infinity, 0)
                continue
            }
            if value > f + c1 * alpha * slope || value >= low.f {
                high = (alpha, value, d)
            } else {
                if abs(d) <= -c2 * slope { return (alpha, value, gradient) }
                if d * (high.alpha - low.alpha) >= 0 { high = low }
                low = (alpha, value, d)
                bestGradient = gradient
            }
        }
        // Accept the best point found if it decreased the loss, even without the curvature condition.
        if low.alpha > 0, low.f < f {
            if let gradient = bestGradient { return (low.alpha, low.f, gradient) }
            let (value, _, gradient) = try phi(low.alpha)
            return (low.alpha, value, gradient)
        }
        return nil
    }

    /// The minimiser of the cubic interpolating f and f′ at a and b (N&W eq. 3.59); NaN when none.
    private func cubicMinimum(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
        guard fb.isFinite else { return .nan }
        let d1 = da + db - 3 * (fa - fb) / (a - b)
        let radicand = d1 * d1 - da * db
        guard radicand >= 0 else { return .nan }
        let d2 = (b - a).sign == .minus ? -radicand.squareRoot() : radicand.squareRoot()
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
    }
}
