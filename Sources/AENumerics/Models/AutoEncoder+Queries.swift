import _AEKernels

/// What a trained auto-encoder says about the density it was trained on (paper §3).
extension AutoEncoder {
    /// The fixed row blocks of the queries: 256 rows each, whatever the thread count.
    static let queryBlock = 256

    /// The parameters in the kernels' layouts, made once after each change of the parameters (an MH
    /// chain asks for its line integrals at every step; at d = 784, H = 1000 the layouts take 15 ms).
    func queryWeights() -> QueryWeights {
        queryWeightsCache.withLock { cached in
            if let weights = cached { return weights }
            let weights = QueryWeights(self)
            cached = weights
            return weights
        }
    }

    /// r(x) at each row of `points` (batched, on `threads` threads; results never depend on it).
    /// From ``LossEvaluation/wideDimension`` inputs on, through the blocked products of the wide
    /// loss (``WideLossKernel``); below, row by row.
    public func reconstruct(_ points: Dataset, threads: Int) -> Dataset {
        precondition(isInitialized && points.dim == dim, "reconstruct: model not trained or wrong dimension")
        let query = queryWeights(), weights = query.padded
        var out = Dataset(rows: points.n, dim: dim)
        let n = points.n, d = dim
        if let wide = query.wide {
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
                        let acc: UnsafeMutablePointer<Double> = kernelBuffer(8 * d)
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
        let weights = queryWeights().padded
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

    /// ∂r/∂x at one point, d × d row-major: diag(dec′)·V·diag(act′(b + W·x))·W. From
    /// ``LossEvaluation/wideDimension`` inputs on, as one blocked product; below, with d² accumulators.
    public func jacobian(at point: [Double]) -> [Double] {
        precondition(isInitialized && point.count == dim, "jacobian: model not trained or wrong dimension")
        let query = queryWeights(), weights = query.padded
        let d = dim, hc = 8 * weights.chunks, dpad = (d + 7) / 8 * 8
        var j = [Double](repeating: 0, count: d * d)
        let scratch: UnsafeMutablePointer<Double> = kernelBuffer(query.wide != nil ? 8 * d + hc + d * (hc + dpad) : 8 * (d + d * d))
        defer { scratch.deallocate() }
        let sigmoidOut: Int32 = decoder == .sigmoid ? 1 : 0
        withUnsafePointer(to: weights.kernelView) { view in
            if let panel = query.inputPanel {
                ae_wide_jacobian(view, panel, point, sigmoidOut, &j, scratch)
            } else {
                ae_jacobian(view, point, sigmoidOut, &j, scratch)
            }
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

/// An auto-encoder's parameters laid out for the query kernels: padded (``PaddedWeights``) and, for
/// wide data (from ``LossEvaluation/wideDimension`` inputs on), packed for the blocked products.
/// Written once, in `init`; the query kernels only read it (each call has its own scratch), so any
/// number of threads may share it.
final class QueryWeights: @unchecked Sendable {
    let padded: PaddedWeights
    let wide: WideLossKernel?
    /// W by chunks of inputs for the wide Jacobian (ae_pack_by_inputs); nil below the wide dimension.
    let inputPanel: UnsafeMutablePointer<Double>?

    init(_ model: AutoEncoder) {
        let padded = PaddedWeights(dim: model.dim, hidden: model.hidden, activation: model.activation)
        model.parameters.withUnsafeBufferPointer { padded.load($0.baseAddress!, tied: model.tied) }
        self.padded = padded
        if model.dim >= LossEvaluation.wideDimension {
            let kernel = WideLossKernel(dim: model.dim, chunks: padded.chunks, blockRows: 0)
            kernel.pack(padded)
            wide = kernel
            let panel: UnsafeMutablePointer<Double> = kernelBuffer(padded.chunks * 8 * kernel.dpad)
            ae_pack_by_inputs(doubles(padded.wt), model.dim, padded.chunks, panel)
            inputPanel = panel
        } else {
            wide = nil
            inputPanel = nil
        }
    }

    deinit { inputPanel?.deallocate() }
}
