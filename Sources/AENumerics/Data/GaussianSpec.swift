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
    func draw(into out: inout [Double], at offset: Int, z: inout [Double], rng: inout Xoshiro256) {
        let d = dimension
        switch spread {
        case .diagonal(let sd):
            for i in 0..<d { out[offset + i] = mean[i] + sd[i] * rng.normal() }
        case .cholesky(let l):
            for i in 0..<d { z[i] = rng.normal() }
            for i in 0..<d {
                var s = mean[i]
                for k in 0...i { s += l[i * d + k] * z[k] }
                out[offset + i] = s
            }
        }
    }

    /// n independent draws: the same numbers as n calls of `draw(into:at:z:rng:)`, made from all
    /// n·d variates drawn at once (``Xoshiro256/fillNormal(_:)``) and then transformed in place.
    public func draw(_ n: Int, rng: inout Xoshiro256) -> Dataset {
        let d = dimension
        var data = Dataset(rows: n, dim: d)
        data.values.withUnsafeMutableBufferPointer { z in
            rng.fillNormal(z)
            switch spread {
            case .diagonal(let sd):
                for r in 0..<n {
                    for i in 0..<d { z[r * d + i] = mean[i] + sd[i] * z[r * d + i] }
                }
            case .cholesky(let l):
                // Row by row, from the last coordinate down: coordinate i reads z[0...i] of its
                // row, which the coordinates after it have not yet overwritten.
                for r in 0..<n {
                    let row = z.baseAddress! + r * d
                    for i in stride(from: d - 1, through: 0, by: -1) {
                        var s = mean[i]
                        for k in 0...i { s += l[i * d + k] * row[k] }
                        row[i] = s
                    }
                }
            }
        }
        return data
    }
}

/// An invalid request to the data layer (a covariance that is not positive definite, a malformed
/// file), with a message meant for the user.
public struct DataError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
