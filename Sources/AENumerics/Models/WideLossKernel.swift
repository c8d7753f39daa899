import _AEKernels

/// The DAE/CAE loss and gradient for wide data (many inputs): five blocked matrix products per
/// block of rows (_AEKernels/WideLoss.c, on the microkernel of Product.h) instead of the fused
/// kernel's per-tile loops, whose inner loops run over d lanes at a time and so fall behind a BLAS
/// once d is in the tens. ``LossKernel`` chooses it from ``LossEvaluation/wideDimension`` inputs on.
/// The weights are packed once per evaluation (wpack, vtpack, vpack); the data are read in place or
/// packed per unit (X, H, δ as the forward products' A panels; Xᵀ and δᵀ per block for the backward).
///
/// Blocking: the rows go through in fixed blocks of `blockRows`, one after another. In a block the
/// forward pass (H = act(X·Wᵀ + b), R = H·Vᵀ, δ, δA) runs on units of `unitRows` rows in parallel,
/// each unit's results depending only on its own rows; then the backward products (∂V += δᵀ·H,
/// ∂Wᵀ += Xᵀ·δA, ∂b, and the CAE's Σ act′²) run on units of `unitChunks` hidden chunks in parallel,
/// each chunk's sums taken over the block's rows in order. Every number is thus computed the same
/// way whatever the thread count, and in the same order across blocks: the same bits for any thread
/// count (each number is a chain of fmas whose order depends on the shapes alone, Product.h). Memory:
/// the packed weights (3 × P), and per block the hidden values and their gradient (2 × blockRows × H),
/// the unit panels (blockRows × max(d, H)) and d-wide outputs and errors: O(P + blocks), never N × H.
final class WideLossKernel {
    /// Rows per block: the block's H and δA (2 × 384 × H doubles, 6 MB at H = 1000) stay in L3
    /// between the forward and the backward products.
    static let blockRows = 384
    /// Rows per forward unit (a multiple of the microkernel's 6 rows and of the products' row block
    /// AE_MC): each panel of the weights brought from L3 serves 16 microkernel tiles. (24 rows made
    /// the weights' traffic the bound: 29 against 35 GFlop/s on one core for the d = 784 product.)
    static let unitRows = 96
    /// Hidden chunks (8 units each) per backward unit: each block of Xᵀ and δᵀ panels brought from L3
    /// serves 8 chunks.
    static let unitChunks = 8

    let dim: Int, chunks: Int, dpad: Int
    private let wpack, vtpack, vpack: UnsafeMutablePointer<Double>
    private let hiddenBlock, hiddenGradient, outputs, delta, rowLoss, xPanels, deltaPanels, rowPanels: UnsafeMutablePointer<Double>
    private let caeTerm: UnsafeMutablePointer<Lanes>
    /// The loss's sums (made on first use: the queries' kernel never needs them).
    private(set) lazy var total = BlockWorkspace(dim: dim, chunks: chunks, tileRows: 1)

    /// Buffers for blocks of `blockRows` rows (0 for the reconstruction alone, which needs none).
    init(dim d: Int, chunks C: Int, blockRows: Int = WideLossKernel.blockRows) {
        dim = d
        chunks = C
        dpad = (d + 7) / 8 * 8
        func zeros(_ count: Int) -> UnsafeMutablePointer<Double> { kernelBuffer(count) }
        wpack = zeros(8 * C * d)
        vtpack = zeros(8 * C * d)
        vpack = zeros(8 * C * dpad)
        hiddenBlock = zeros(blockRows * 8 * C)
        hiddenGradient = zeros(blockRows * 8 * C)
        outputs = zeros(blockRows * dpad)
        delta = zeros(blockRows * dpad)
        rowLoss = zeros(blockRows)
        xPanels = zeros((d + 5) / 6 * 6 * blockRows)
        deltaPanels = zeros((d + 5) / 6 * 6 * blockRows)
        rowPanels = zeros(blockRows * max(d, 8 * C))
        caeTerm = kernelBuffer(C)
    }

    deinit {
        for p in [wpack, vtpack, vpack, hiddenBlock, hiddenGradient, outputs, delta, rowLoss, xPanels, deltaPanels, rowPanels] { p.deallocate() }
        caeTerm.deallocate()
    }

    /// Sums the loss (Σ_rows ||r − t||², into `total.loss`) and, with `backward`, the gradient's
    /// parts (padded layout) over the n rows into ``total``; nil when `stop` said stop.
    func accumulate(_ weights: PaddedWeights, inputs: UnsafePointer<Double>, targets: UnsafePointer<Double>,
                    rows n: Int, threads: Int, stop: StopCheck, scale: Double, backward: Bool,
                    sigmoidDecoder: Bool, caeLambda: Double) -> BlockWorkspace? {
        let contractive = caeLambda > 0
        if contractive {
            for k in 0..<chunks { caeTerm[k] = caeLambda * scale * weights.wsq[k] }
        }
        total.reset()
        pack(weights)
        let panels = ae_wide_panels(wpack: wpack, vtpack: vtpack, vpack: vpack, dpad: dpad, block_rows: Self.blockRows)
        let d = dim, dp = dpad, C = chunks
        let (hb, dab, out, dl, rl) = (hiddenBlock, hiddenGradient, outputs, delta, rowLoss)
        let (xp, dlp, ap, apStride) = (xPanels, deltaPanels, rowPanels, max(d, 8 * C))
        let cae: UnsafePointer<Double>? = contractive ? UnsafePointer(doubles(caeTerm)) : nil
        let back: Int32 = backward ? 1 : 0, sig: Int32 = sigmoidDecoder ? 1 : 0
        // The C structs by pointer: the workers share them read-only (no inout access across threads).
        let stopped = withUnsafePointer(to: weights.kernelView) { view in
            withUnsafePointer(to: panels) { panels in
                withUnsafePointer(to: total.kernelView) { block in
                    var start = 0
                    while start < n {
                        if stop.requested() { return true }
                        let rows = min(Self.blockRows, n - start)
                        let x = inputs + start * d, t = targets + start * d
                        parallelBlocks((rows + Self.unitRows - 1) / Self.unitRows, threads: threads) { u in
                            let r0 = u * Self.unitRows
                            ae_wide_forward(view, panels, min(Self.unitRows, rows - r0), x + r0 * d, t + r0 * d,
                                            hb + 8 * r0, dab + 8 * r0, out + r0 * dp, dl + r0 * dp, rl + r0, xp + 6 * r0,
                                            dlp + 6 * r0, ap + r0 * apStride, scale, back, sig, cae)
                        }
                        for row in 0..<rows { total.loss += rl[row] }
                        if backward {
                            for row in 0..<rows {
                                for i in 0..<d { total.gc[i] += dl[row * dp + i] }
                            }
                            parallelBlocks((C + Self.unitChunks - 1) / Self.unitChunks, threads: threads) { u in
                                let first = u * Self.unitChunks
                                ae_wide_backward(view, panels, first, min(C, first + Self.unitChunks), rows, xp, dlp,
                                                 hb, dab, block, contractive ? 1 : 0)
                            }
                        }
                        start += rows
                    }
                    return false
                }
            }
        }
        if stopped { return nil }
        return total
    }
}

extension WideLossKernel {
    /// Packs the weights into the panels the products read (wpack, vtpack, vpack): each evaluation of
    /// the loss does; the queries' kernel once per change of the parameters (``QueryWeights``).
    func pack(_ weights: PaddedWeights) {
        withUnsafePointer(to: weights.kernelView) { ae_wide_pack($0, wpack, vtpack, vpack) }
    }

    /// r(x) for the n rows of x (row-major, d columns) into r, through the same encoder and decoder
    /// products as the loss (the weights packed with ``pack(_:)``): units of `unitRows` rows in parallel, each with scratch of its own.
    /// Each output is a chain of fmas in a fixed order, whatever unit and thread computes it.
    func reconstruct(_ weights: PaddedWeights, inputs x: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>,
                     rows n: Int, threads: Int, sigmoidDecoder: Bool) {
        let d = dim, dp = dpad, C = chunks, unit = Self.unitRows
        let sig: Int32 = sigmoidDecoder ? 1 : 0
        let panels = ae_wide_panels(wpack: wpack, vtpack: vtpack, vpack: vpack, dpad: dpad, block_rows: unit)
        withUnsafePointer(to: weights.kernelView) { view in
            withUnsafePointer(to: panels) { panels in
                parallelBlocks((n + unit - 1) / unit, threads: threads) { u in
                    let scratch: UnsafeMutablePointer<Double> = kernelBuffer(unit * (8 * C + dp + max(d, 8 * C)))
                    defer { scratch.deallocate() }
                    let r0 = u * unit
                    ae_wide_reconstruct(view, panels, min(unit, n - r0), x + r0 * d, r + r0 * d, sig, scratch,
                                        scratch + unit * 8 * C, scratch + unit * (8 * C + dp))
                }
            }
        }
    }
}

extension WideLossKernel {
    /// The auto-encoder's line integrals (``LineIntegrableField``) for the segments a_row → b_row: units
    /// of at most `unitRows` segments in parallel, each unit's products with the weights as blocked
    /// products (the weights packed with ``pack(_:)``).
    /// Each result depends only on its own segment: the same bits for any thread count.
    func lineIntegrals(_ weights: PaddedWeights, from a: Dataset, to b: Dataset, path: PathQuadrature, even: Int32,
                       spacing: Double, scale: Double, threads: Int) -> [Double] {
        // At least four units when there are enough segments (an MH step brings one per chain, often
        // fewer than unitRows), so that every core has work; each result depends on its row alone.
        let n = a.n, d = dim, hc = 8 * chunks, unit = max(6, min(Self.unitRows, ((n + 3) / 4 + 5) / 6 * 6))
        let panels = ae_wide_panels(wpack: wpack, vtpack: vtpack, vpack: vpack, dpad: dpad, block_rows: unit)
        var out = [Double](repeating: 0, count: n)
        a.values.withUnsafeBufferPointer { starts in
            b.values.withUnsafeBufferPointer { ends in
                out.withUnsafeMutableBufferPointer { result in
                    withUnsafePointer(to: weights.kernelView) { view in
                        withUnsafePointer(to: panels) { panels in
                            parallelBlocks((n + unit - 1) / unit, threads: threads) { u in
                                let r0 = u * unit, rows = min(unit, n - r0)
                                let scratch: UnsafeMutablePointer<Double> = kernelBuffer(rows * (d + 3 * hc))
                                defer { scratch.deallocate() }
                                ae_wide_line_integrals(view, panels, rows, starts.baseAddress! + r0 * d,
                                                       ends.baseAddress! + r0 * d, path.nodes, path.weights,
                                                       path.count, even, spacing, scale, result.baseAddress! + r0,
                                                       scratch, scratch + rows * d)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
