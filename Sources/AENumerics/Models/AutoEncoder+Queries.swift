import _AEKernels

/// What a trained auto-encoder says about the density it was trained on (paper §3).
extension AutoEncoder {
    /// The fixed row blocks of the queries: 256 rows each, whatever the thread count.
    static let queryBlock = 256

    /// The parameters in the kernels' layout.
    func paddedWeights() -> PaddedWeights {
        let weights = PaddedWeights(dim: dim, hidden: hidden, activation: activation)
        parameters.withUnsafeBufferPointer { weights.load($0.baseAddress!, tied: tied) }
        return weights
    }

    /// r(x) at each row of `points` (batched, on `threads` threads; results never depend on it).
    /// From ``LossEvaluation/wideDimension`` inputs on, through the blocked products of the wide
    /// loss (``WideLossKernel``); below, row by row.
    public func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        precondition(isInitialized && points.dim == dim, "reconstruct: model not trained or wrong dimension")
        let weights = paddedWeights()
        var out = Dataset(rows: points.n, dim: dim)
        let n = points.n, d = dim
        if d >= LossEvaluation.wideDimension {
            let wide = WideLossKernel(dim: d, chunks: weights.chunks, blockRows: 0)
            points.values.withUnsafeBufferPointer { xs in
                out.values.withUnsafeMutableBufferPointer { rs in
                    wide.reconstruct(weights, inputs: xs.baseAddress!, into: rs.baseAddress!, rows: n, threads: threads,
                                     sigmoidDecoder: decoder == .sigmoid)
                }
            }
            return out
        }
        let blocks = (n + Self.queryBlock - 1) / Self.queryBlock
        let sigmoidOut: Int32 = decoder == .sigmoid ? 1 : 0
        points.values.withUnsafeBufferPointer { xs in
            out.values.withUnsafeMutableBufferPointer { rs in
                let x = xs.baseAddress!, r = rs.baseAddress!
                withUnsafePointer(to: weights.kernelView) { view in
                    parallelBlocks(blocks, threads: threads) { block in
                        let acc = UnsafeMutablePointer<Double>.allocate(capacity: 8 * d)
                        defer { acc.deallocate() }
                        ae_reconstruct_rows(view, block * Self.queryBlock, min(n, (block + 1) * Self.queryBlock),
                                            x, r, sigmoidOut, acc)
                    }
                }
            }
        }
        return out
    }

    /// The hidden representation h(x) = act(b + W·x) of each row, as an n × H dataset.
    public func encode(_ points: Dataset, threads: Int) -> Dataset {
        precondition(isInitialized && points.dim == dim, "encode: model not trained or wrong dimension")
        let weights = paddedWeights()
        var out = Dataset(rows: points.n, dim: hidden)
        let n = points.n, h = hidden
        let blocks = (n + Self.queryBlock - 1) / Self.queryBlock
        points.values.withUnsafeBufferPointer { xs in
            out.values.withUnsafeMutableBufferPointer { hs in
                let x = xs.baseAddress!, hp = hs.baseAddress!
                withUnsafePointer(to: weights.kernelView) { view in
                    parallelBlocks(blocks, threads: threads) { block in
                        ae_encode_rows(view, block * Self.queryBlock, min(n, (block + 1) * Self.queryBlock), x, h, hp)
                    }
                }
            }
        }
        return out
    }

    /// The score estimate at each row: (r(x) − x)/σ² (eq. 5), or r(x) − x when `unscaled` (§3.5).
    public func score(_ points: Dataset, unscaled: Bool, threads: Int) -> Dataset {
        var r = reconstruct(points, threads: threads)
        let scale = unscaled ? 1 : 1 / (sigma * sigma)
        for k in r.values.indices { r.values[k] = (r.values[k] - points.values[k]) * scale }
        return r
    }

    /// ∂r/∂x at one point, d × d row-major: diag(dec′)·V·diag(act′(b + W·x))·W.
    public func jacobian(at point: [Double]) -> [Double] {
        precondition(isInitialized && point.count == dim, "jacobian: model not trained or wrong dimension")
        let weights = paddedWeights()
        let d = dim
        var j = [Double](repeating: 0, count: d * d)
        var scratch = [Double](repeating: 0, count: 8 * (d + d * d))
        withUnsafePointer(to: weights.kernelView) { view in
            ae_jacobian(view, point, decoder == .sigmoid ? 1 : 0, &j, &scratch)
        }
        return j
    }

    /// The estimated Hessian of log p at one point, (∂r/∂x − I)/σ² (§3.8), d × d row-major.
    public func hessian(at point: [Double]) -> [Double] {
        var j = jacobian(at: point)
        let d = dim, s2 = sigma * sigma
        for i in 0..<d { j[i * d + i] -= 1 }
        return j.map { $0 / s2 }
    }

    /// E(y) − E(x) for the learned energy, by the path integral of eq. (13) along the segment x → y:
    ///   ΔE = −∫₀¹ score(x + t(y − x))·(y − x) dt ≈ −(1/steps) Σ_{m=0}^{steps−1} score(p_m)·(y − x),
    /// where p_m = x + (m + ½)/steps·(y − x) are the midpoints of `steps` equal sub-segments (the
    /// midpoint rule; the score is the model's (r − p)/σ²). All path points go through one batched pass.
    public func energyDiff(from x: [Double], to y: [Double], steps: Int = 20, threads: Int = 1) -> Double {
        precondition(isInitialized && x.count == dim && y.count == dim && steps >= 1)
        let d = dim
        var path = Dataset(rows: steps, dim: d)
        for m in 0..<steps {
            let t = (Double(m) + 0.5) / Double(steps)
            for i in 0..<d { path[m, i] = x[i] + t * (y[i] - x[i]) }
        }
        let s = score(path, unscaled: false, threads: threads)
        var total = 0.0
        for m in 0..<steps {
            var dot = 0.0
            for i in 0..<d { dot += s[m, i] * (y[i] - x[i]) }
            total += dot
        }
        return -total / Double(steps)
    }
}
