/// A fixed point x = r(x) of an auto-encoder's reconstruction, found by iterating x ← r(x) (§4.3).
public struct Attractor: Equatable {
    /// The fixed point (the mean of the converged iterates of its basin).
    public let point: [Double]
    /// How many of the starting points converged to it.
    public let basin: Int
    /// Distance from the fixed point to the nearest training point.
    public let distanceToData: Double
    /// True when `distanceToData` exceeds the threshold: a spurious attractor (Figure 7).
    public let spurious: Bool
}

/// The fixed points that iterating r reaches from a grid of starting points.
public struct AttractorReport {
    /// Distinct fixed points, largest basin first.
    public let attractors: [Attractor]
    /// Starting points whose iterates had not converged after the maximum number of iterations
    /// (e.g. those running off to infinity or circling a limit cycle).
    public let unconverged: Int
    /// The distance to the data above which an attractor is flagged spurious.
    public let threshold: Double
    /// For every starting point, the distance from its last iterate to the nearest data point (infinity
    /// for iterates that ran off to infinity): where following r leads from there.
    public let finalDistances: [Double]
    public var spurious: [Attractor] { attractors.filter(\.spurious) }
    /// Starting points whose iterates end farther than `threshold` from the data, converged or not:
    /// the basins of spurious attractors plus the iterates that drift away (Figure 7's failure).
    public var strays: Int { finalDistances.filter { !($0 <= threshold) }.count }
}

/// Iterates x ← r(x) from every row of `starts`, all points in one batched call per iteration, until a
/// step moves a point by less than `tolerance` (then it is a fixed point) or after `maxIterations`.
/// Converged points closer than `mergeRadius` to a cluster's first member join that cluster. Each
/// cluster's distance to the nearest row of `data` is compared with `threshold`; the default, 3·σ·√d,
/// is farther than the training corruption N(0, σ²I) ever carried a point from the data (its norm is
/// about σ·√d), so a fixed point beyond it lies where the auto-encoder never saw an example (§4.3).
///
///     let report = findAttractors(field: ae, starts: grid, data: train)
///     report.spurious.count   // 0 for a well-trained DAE on the spiral
public func findAttractors(field: ReconstructionField, starts: Dataset, data: Dataset, tolerance: Double = 1e-6,
                           maxIterations: Int = 1000, mergeRadius: Double? = nil, threshold: Double? = nil,
                           threads: Int = 0) -> AttractorReport {
    precondition(starts.dim == field.dim && data.dim == field.dim && data.n >= 1)
    let d = field.dim
    var lower = [Double](repeating: .infinity, count: d), upper = [Double](repeating: -.infinity, count: d)
    for i in 0..<data.n { for j in 0..<d { lower[j] = min(lower[j], data[i, j]); upper[j] = max(upper[j], data[i, j]) } }
    let diagonal = zip(lower, upper).reduce(0) { $0 + ($1.1 - $1.0) * ($1.1 - $1.0) }.squareRoot()
    let far = threshold ?? 3 * field.sigma * Double(d).squareRoot()
    let merge = mergeRadius ?? max(1e-3 * diagonal, 100 * tolerance)

    // Iterate only the points still moving, in one batch per iteration.
    var x = starts
    var active = Array(0..<starts.n)
    var converged = [Bool](repeating: false, count: starts.n)
    var iteration = 0
    while !active.isEmpty && iteration < maxIterations {
        let batch = x.rows(active)
        let next = field.reconstruct(batch, threads: threads)
        var stillActive = [Int]()
        for (k, i) in active.enumerated() {
            var moved = 0.0
            for j in 0..<d {
                let v = next[k, j]
                moved = max(moved, abs(v - x[i, j]))
                x[i, j] = v
            }
            if !moved.isFinite { continue }        // diverged: leave unconverged
            if moved < tolerance { converged[i] = true } else { stillActive.append(i) }
        }
        active = stillActive
        iteration += 1
    }

    var centres = [[Double]](), sums = [[Double]](), counts = [Int]()
    for i in 0..<starts.n where converged[i] {
        let p = x.row(i)
        if let c = centres.firstIndex(where: { distance($0, p) < merge }) {
            counts[c] += 1
            for j in 0..<d { sums[c][j] += p[j] }
        } else {
            centres.append(p); sums.append(p); counts.append(1)
        }
    }
    func distanceToData(_ point: [Double]) -> Double {
        guard point.allSatisfy({ $0.isFinite }) else { return .infinity }
        var nearest = Double.infinity
        for i in 0..<data.n {
            var s = 0.0
            for j in 0..<d { let t = data[i, j] - point[j]; s += t * t }
            nearest = min(nearest, s)
        }
        return nearest.squareRoot()
    }
    var found = [Attractor]()
    for c in centres.indices {
        let point = sums[c].map { $0 / Double(counts[c]) }
        let nearest = distanceToData(point)
        found.append(Attractor(point: point, basin: counts[c], distanceToData: nearest, spurious: nearest > far))
    }
    let finals = (0..<starts.n).map { distanceToData(x.row($0)) }
    found.sort { $0.basin != $1.basin ? $0.basin > $1.basin : $0.point.lexicographicallyPrecedes($1.point) }
    return AttractorReport(attractors: found, unconverged: converged.filter { !$0 }.count, threshold: far,
                           finalDistances: finals)
}

func distance(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for j in a.indices { let t = a[j] - b[j]; s += t * t }
    return s.squareRoot()
}
