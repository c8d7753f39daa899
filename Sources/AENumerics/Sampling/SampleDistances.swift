#if canImport(Glibc)
import Glibc
#endif

/// Two-sample distances for judging samples against held-out data.
public enum SampleDistance {
    /// The unbiased estimate of MMD² (Gretton et al. 2012, eq. 3) with the Gaussian kernel
    /// k(x, y) = exp(−‖x − y‖² / (2h²)):
    /// MMD²ᵤ = Σ_{i≠j} k(aᵢ,aⱼ)/(m(m−1)) + Σ_{i≠j} k(bᵢ,bⱼ)/(n(n−1)) − 2 Σ k(aᵢ,bⱼ)/(mn).
    /// It can be slightly negative when a and b come from the same distribution.
    /// `bandwidth` nil: the median heuristic, h = the median pairwise distance of the pooled sample (at
    /// most 1000 evenly strided points of each, so it stays cheap and deterministic).
    public static func mmd(_ a: Dataset, _ b: Dataset, bandwidth: Double? = nil, threads: Int = 0) -> Double {
        precondition(a.dim == b.dim && a.n >= 2 && b.n >= 2)
        return mmd(a, b, bandwidths: [bandwidth ?? medianDistance(a, b)], threads: threads)
    }

    /// MMD²ᵤ with the multi-scale kernel k(x, y) = Σ_h exp(−‖x − y‖² / (2h²)), a sum over `bandwidths`
    /// (a sum of characteristic kernels is characteristic). The median heuristic's h is about the data's
    /// spread, so it barely sees a blur much smaller than that (in 10-D, data blurred by N(0, 0.1²I) is
    /// within a few 1e-4 of clean data); a bandwidth near the blur's size sees it, and the sum keeps the
    /// large ones' view of the global shape.
    public static func mmd(_ a: Dataset, _ b: Dataset, bandwidths: [Double], threads: Int = 0) -> Double {
        precondition(a.dim == b.dim && a.n >= 2 && b.n >= 2 && !bandwidths.isEmpty)
        let gammas = bandwidths.map { 1 / (2 * $0 * $0) }
        let kernel = { (d2: Double) in gammas.reduce(0) { $0 + exp(-$1 * d2) } }
        let aa = pairSum(a, a, excludeDiagonal: true, threads: threads, kernel)
        let bb = pairSum(b, b, excludeDiagonal: true, threads: threads, kernel)
        let ab = pairSum(a, b, excludeDiagonal: false, threads: threads, kernel)
        let m = Double(a.n), n = Double(b.n)
        return aa / (m * (m - 1)) + bb / (n * (n - 1)) - 2 * ab / (m * n)
    }

    /// The energy distance (Székely & Rizzo 2013) with unbiased within-sample terms:
    /// 2·E‖A − B‖ − E‖A − A′‖ − E‖B − B′‖; 0 in expectation iff the distributions are equal.
    public static func energyDistance(_ a: Dataset, _ b: Dataset, threads: Int = 0) -> Double {
        precondition(a.dim == b.dim && a.n >= 2 && b.n >= 2)
        let norm = { (d2: Double) in d2.squareRoot() }
        let aa = pairSum(a, a, excludeDiagonal: true, threads: threads, norm)
        let bb = pairSum(b, b, excludeDiagonal: true, threads: threads, norm)
        let ab = pairSum(a, b, excludeDiagonal: false, threads: threads, norm)
        let m = Double(a.n), n = Double(b.n)
        return 2 * ab / (m * n) - aa / (m * (m - 1)) - bb / (n * (n - 1))
    }

    /// The median of the pairwise distances of the pooled (strided) sample.
    static func medianDistance(_ a: Dataset, _ b: Dataset) -> Double {
        func strided(_ x: Dataset) -> [[Double]] {
            let stride = max(1, (x.n + 999) / 1000)
            return Swift.stride(from: 0, to: x.n, by: stride).map { x.row($0) }
        }
        let pool = strided(a) + strided(b)
        var distances = [Double]()
        distances.reserveCapacity(pool.count * (pool.count - 1) / 2)
        for i in 0..<pool.count {
            for j in (i + 1)..<pool.count {
                var s = 0.0
                for k in 0..<a.dim { let t = pool[i][k] - pool[j][k]; s += t * t }
                distances.append(s.squareRoot())
            }
        }
        let h = quantile(distances, 0.5)
        return h > 0 ? h : 1
    }

    /// Σᵢⱼ f(‖xᵢ − yⱼ‖²) over all pairs (without i = j when `excludeDiagonal`), in fixed row blocks
    /// summed in block order: the same bits for any thread count.
    static func pairSum(_ x: Dataset, _ y: Dataset, excludeDiagonal: Bool, threads: Int,
                        _ f: (Double) -> Double) -> Double {
        let blockRows = 64
        let blocks = (x.n + blockRows - 1) / blockRows
        var partial = [Double](repeating: 0, count: blocks)
        let d = x.dim
        partial.withUnsafeMutableBufferPointer { out in
            x.values.withUnsafeBufferPointer { xv in
                y.values.withUnsafeBufferPointer { yv in
                    parallelBlocks(blocks, threads: threads) { block in
                        var sum = 0.0
                        for i in block * blockRows ..< min(x.n, (block + 1) * blockRows) {
                            for j in 0..<y.n where !(excludeDiagonal && i == j) {
                                var s = 0.0
                                for k in 0..<d { let t = xv[i * d + k] - yv[j * d + k]; s += t * t }
                                sum += f(s)
                            }
                        }
                        out[block] = sum
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }
}
