/// A Gaussian N(mean, Σ) to draw from, with Σ given by per-dimension standard deviations (diagonal)
/// or by its lower Cholesky factor L (Σ = L·Lᵀ).
///
///     let g = try GaussianSpec(mean: [0, 0], covariance: [1, 0.8, 0.8, 1])
///     var rng = Xoshiro256(seed: 1)
///     let data = g.draw(1000, rng: &rng)
public struct GaussianSpec: Equatable, Sendable {
    /// How the covariance is stored.
    public enum Spread: Equatable, Sendable {
        /// Independent coordinates with these standard deviations.
        case diagonal([Double])
        /// The lower-triangular Cholesky factor, d × d row-major.
        case cholesky([Double])
    }

    public let mean: [Double]
    public let spread: Spread

    public var dimension: Int { mean.count }

    /// Independent coordinates: N(mean, diag(sd²)); `sd.count == mean.count`, every sd ≥ 0.
    public init(mean: [Double], sd: [Double]) {
        precondition(mean.count == sd.count && !mean.isEmpty)
        self.mean = mean
        spread = .diagonal(sd)
    }

    /// N(mean, Σ) with Σ given d × d row-major; throws ``DataError`` unless Σ is symmetric and
    /// positive definite.
    public init(mean: [Double], covariance: [Double]) throws {
        let d = mean.count
        guard d > 0, covariance.count == d * d else {
            throw DataError("the covariance must be \(d) × \(d) for a mean of dimension \(d)")
        }
        for i in 0..<d {
            for j in 0..<i where abs(covariance[i * d + j] - covariance[j * d + i])
                > 1e-12 * max(1, abs(covariance[i * d + j])) {
                throw DataError("the covariance must be symmetric: entry (\(i), \(j)) is \(covariance[i * d + j]) but (\(j), \(i)) is \(covariance[j * d + i])")
            }
        }
        guard let factor = Self.cholesky(covariance, d) else {
            throw DataError("the covariance must be positive definite")
        }
        self.mean = mean
        spread = .cholesky(factor)
    }

    /// The lower Cholesky factor of the symmetric d × d matrix `a`, or nil when it is not positive
    /// definite.
    static func cholesky(_ a: [Double], _ d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var diagonal = a[j * d + j]
            for k in 0..<j { diagonal -= l[j * d + k] * l[j * d + k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let ljj = diagonal.squareRoot()
            l[j * d + j] = ljj
            for i in (j + 1)..<d {
                var s = a[i * d + j]
                for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
                l[i * d + j] = s / ljj
            }
        }
        return l
    }

    /// The covariance Σ, d × d row-major.
    public var covariance: [Double] {
        let d = dimension
        switch spread {
        case .diagonal(let sd):
            var c = [Double](repeating: 0, count: d * d)
            for i in 0..<d { c[i * d + i] = sd[i] * sd[i] }
            return c
        case .cholesky(let l):
            var c = [Double](repeating: 0, count: d * d)
            for i in 0..<d {
                for j in 0..<d {
                    var s = 0.0
                    for k in 0...min(i, j) { s += l[i * d + k] * l[j * d + k] }
                    c[i * d + j] = s
                }
            }
            return c
        }
    }

    /// Writes one draw, mean + L·z with z ~ N(0, I), into `out[offset ..< offset + d]`.
    func draw(into out: inout [Double], at offset: Int, rng: inout Xoshiro256) {
        out.withUnsafeMutableBufferPointer { out in
            let row = out.baseAddress! + offset
            for i in 0..<dimension { row[i] = rng.normal() }
            transform(rows: 1, from: row)
        }
    }

    /// n independent draws: the same numbers as n calls of `draw(into:at:rng:)`, made from all n·d
    /// variates drawn at once (``Xoshiro256/fillNormal(_:)``, twice as fast as one at a time).
    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        var data = Dataset(rows: n, dim: dimension)
        data.values.withUnsafeMutableBufferPointer { z in
            rng.fillNormal(z)
            transform(rows: n, from: z.baseAddress!)
        }
        return data
    }

    /// Turns each of the `rows` rows of d variates z at `first` into mean + L·z, in place: a row's
    /// coordinate i reads z[0...i], so the coordinates are written from the last down.
    private func transform(rows: Int, from first: UnsafeMutablePointer<Double>) {
        let d = dimension
        switch spread {
        case .diagonal(let sd):
            for r in 0..<rows {
                let row = first + r * d
                for i in 0..<d { row[i] = mean[i] + sd[i] * row[i] }
            }
        case .cholesky(let l):
            for r in 0..<rows {
                let row = first + r * d
                for i in stride(from: d - 1, through: 0, by: -1) {
                    var s = mean[i]
                    for k in 0...i { s += l[i * d + k] * row[k] }
                    row[i] = s
                }
            }
        }
    }
}

/// An invalid request to the data layer (a covariance that is not positive definite, a malformed
/// file), with a message meant for the user.
public struct DataError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
