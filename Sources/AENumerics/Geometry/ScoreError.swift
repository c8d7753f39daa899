/// How close an estimated score is to the true one over a set of points.
public struct ScoreError: Equatable {
    /// sqrt(mean ‖ŝ − s‖²).
    public let rms: Double
    /// rms / sqrt(mean ‖s‖²).
    public let relative: Double
    /// The mean cosine between ŝ and s, over the points where both are non-zero.
    public let cosine: Double

    /// Compares the rows of `estimate` with those of `truth` (same shape).
    public init(estimate: Dataset, truth: Dataset) {
        precondition(estimate.n == truth.n && estimate.dim == truth.dim && truth.n > 0)
        var squared = 0.0, reference = 0.0, cosines = 0.0, counted = 0
        for i in 0..<truth.n {
            var dot = 0.0, ne = 0.0, nt = 0.0
            for j in 0..<truth.dim {
                let e = estimate[i, j], t = truth[i, j]
                squared += (e - t) * (e - t)
                reference += t * t
                dot += e * t; ne += e * e; nt += t * t
            }
            if ne > 0 && nt > 0 {
                cosines += dot / (ne * nt).squareRoot()
                counted += 1
            }
        }
        let n = Double(truth.n)
        rms = (squared / n).squareRoot()
        relative = reference == 0 ? .infinity : (squared / reference).squareRoot()
        cosine = counted == 0 ? .nan : cosines / Double(counted)
    }
}
