import _AEKernels

/// A score field that integrates its score along straight segments faster than by evaluating it at
/// every path point. The MH sampler uses this when the field offers it; the values are those of
/// ``pathEnergyDifference(field:from:to:path:threads:)`` up to rounding.
public protocol LineIntegrableField: ScoreField {
    /// For each pair of rows: Σₖ wₖ · score(aᵢ + tₖ(bᵢ − aᵢ))·(bᵢ − aᵢ) = −ΔEᵢ (eq. 13 with `path`).
    /// Nil when this instance cannot do it faster (the caller then evaluates the path points).
    func lineIntegrals(from a: Dataset, to b: Dataset, path: PathQuadrature, threads: Int) -> [Double]?
}

/// The affine structure of a one-layer auto-encoder along a line (why MH on a DAE is cheap):
/// on x(t) = a + tΔ the pre-activations are affine in t, b + W·x(t) = (b + W·a) + t·(W·Δ), and with a
/// linear decoder r(x(t))·Δ = c·Δ + act(…)·(VᵀΔ). So each segment needs three products with the
/// weights (W·a, W·Δ, VᵀΔ: 3·H·d multiply-adds) instead of two per path point (2·q·H·d), and then per
/// path point only H activations and an H-long dot product:
///   score(x(t))·Δ = (c·Δ + act(b + W·a + t·W·Δ)·(VᵀΔ) − a·Δ − t·|Δ|²) / σ².
/// The kernel, `ae_line_integrals`, is in _AEKernels/LineIntegrals.c.
extension AutoEncoder: LineIntegrableField {
    /// Pairs per block of work (each pair is computed on its own, so blocks only share out the work).
    static let lineBlock = 4

    public func lineIntegrals(from a: Dataset, to b: Dataset, path: PathQuadrature, threads: Int) -> [Double]? {
        guard isInitialized, decoder == .linear, a.dim == dim, b.dim == dim, a.n == b.n else { return nil }
        let n = a.n
        let query = queryWeights(), weights = query.padded
        let q = path.count
        // With evenly spaced points and tanh, the kernel takes the activations along a segment from
        // two exponentials per unit rather than one per point (`even_tanh_sum` in the kernel).
        let even: Int32 = path.isEvenlySpaced && q >= 2 ? 1 : 0
        let spacing = even == 1 ? path.nodes[1] - path.nodes[0] : 0
        let scale = 1 / (sigma * sigma)
        if let wide = query.wide {
            return wide.lineIntegrals(weights, from: a, to: b, path: path, even: even, spacing: spacing, scale: scale,
                                      threads: threads)
        }
        let scratchCount = dim
        var out = [Double](repeating: 0, count: n)
        let blocks = (n + Self.lineBlock - 1) / Self.lineBlock
        out.withUnsafeMutableBufferPointer { result in
            withUnsafePointer(to: weights.kernelView) { view in
                parallelBlocks(blocks, threads: threads) { block in
                    let scratch: UnsafeMutablePointer<Double> = kernelBuffer(scratchCount)
                    defer { scratch.deallocate() }
                    ae_line_integrals(view, block * Self.lineBlock, min(n, (block + 1) * Self.lineBlock),
                                      a.values, b.values, path.nodes, path.weights, q, even, spacing, scale,
                                      result.baseAddress!, scratch)
                }
            }
        }
        return out
    }
}
