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
extension AutoEncoder: LineIntegrableField {
    /// Pairs per fixed block of work.
    static let lineBlock = 8

    public func lineIntegrals(from a: Dataset, to b: Dataset, path: PathQuadrature, threads: Int) -> [Double]? {
        guard isInitialized, decoder == .linear, a.dim == dim, b.dim == dim, a.n == b.n else { return nil }
        let d = dim, h = hidden, n = a.n
        let chunks = (h + 7) / 8, padded = chunks * 8
        // Weights as d × H' (H padded to a multiple of 8 with zero units, which add nothing): row i of
        // `wt` holds every unit's weight on input i, row i of `vt` every unit's weight in output i.
        var wt = [Double](repeating: 0, count: d * padded), vt = wt
        var bias = [Double](repeating: 0, count: padded)
        let theta = parameters
        let vOffset = tied ? 0 : d * h + h
        for i in 0..<d {
            for j in 0..<h {
                wt[i * padded + j] = theta[i * h + j]
                vt[i * padded + j] = theta[vOffset + i * h + j]
            }
        }
        for j in 0..<h { bias[j] = theta[d * h + j] }
        let c = Array(theta[(theta.count - d)...])
        let scale = 1 / (sigma * sigma)
        let useTanh = activation == .tanh
        let q = path.count
        let nodes = path.nodes, weights = path.weights

        var out = [Double](repeating: 0, count: n)
        let blocks = (n + Self.lineBlock - 1) / Self.lineBlock
        out.withUnsafeMutableBufferPointer { result in
            wt.withUnsafeBufferPointer { wtp in
                vt.withUnsafeBufferPointer { vtp in
                    bias.withUnsafeBufferPointer { bp in
                        wtp.withMemoryRebound(to: Lanes.self) { W in
                            vtp.withMemoryRebound(to: Lanes.self) { V in
                                bp.withMemoryRebound(to: Lanes.self) { B in
                                    parallelBlocks(blocks, threads: threads) { block in
                                        let a0 = UnsafeMutablePointer<Lanes>.allocate(capacity: 3 * chunks)
                                        defer { a0.deallocate() }
                                        let a1 = a0 + chunks, u = a0 + 2 * chunks
                                        var delta = [Double](repeating: 0, count: d)
                                        for row in block * Self.lineBlock ..< min(n, (block + 1) * Self.lineBlock) {
                                            var cDelta = 0.0, aDelta = 0.0, deltaSq = 0.0
                                            for i in 0..<d {
                                                delta[i] = b[row, i] - a[row, i]
                                                cDelta += c[i] * delta[i]
                                                aDelta += a[row, i] * delta[i]
                                                deltaSq += delta[i] * delta[i]
                                            }
                                            // 3·H·d multiply-adds: W·a (+ b), W·Δ, VᵀΔ.
                                            for k in 0..<chunks { a0[k] = B[k]; a1[k] = Lanes(); u[k] = Lanes() }
                                            for i in 0..<d {
                                                let xi = Lanes(repeating: a[row, i]), di = Lanes(repeating: delta[i])
                                                let wRow = W.baseAddress! + i * chunks, vRow = V.baseAddress! + i * chunks
                                                for k in 0..<chunks {
                                                    a0[k] += wRow[k] * xi
                                                    a1[k] += wRow[k] * di
                                                    u[k] += vRow[k] * di
                                                }
                                            }
                                            // Per path point: H activations and one H-long dot product.
                                            var total = 0.0
                                            for m in 0..<q {
                                                let t = Lanes(repeating: nodes[m])
                                                var dot = Lanes()
                                                for k in 0..<chunks {
                                                    let pre = a0[k] + t * a1[k]
                                                    let act = useTanh ? VectorMath.tanh(pre) : VectorMath.sigmoid(pre)
                                                    dot += act * u[k]
                                                }
                                                let rDelta = cDelta + dot.sum()
                                                total += weights[m] * (rDelta - aDelta - nodes[m] * deltaSq) * scale
                                            }
                                            result[row] = total
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
