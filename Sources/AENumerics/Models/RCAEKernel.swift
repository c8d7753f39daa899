import _AEKernels

/// The fused loss + gradient of the reconstruction contractive auto-encoder (paper eq. 6):
///
///     L = mean_x ||r(x) − x||² + σ²·||J(x)||²_F,   J = ∂r/∂x = V·diag(g)·W,  g = act′(b + W·x).
///
/// Per row, with M = J (d × d), δr = 2(r − x)/N and δM = 2σ²M/N, the exact gradient is
///   ∂/∂V_ij = h_j δr_i + g_j Σ_k δM_ik W_jk,    ∂/∂W_jk = δa_j x_k + g_j Σ_i δM_ik V_ij,
///   δa_j = g_j Σ_i V_ij δr_i + act″_j Σ_ik δM_ik V_ij W_jk,   ∂/∂b_j = δa_j,  ∂/∂c_i = δr_i.
/// Rows go one at a time through the inner kernel, `ae_rcae_rows` (_AEKernels/RCAERows.c; the d²
/// accumulators of J take the registers a row tile would use); blocks and their order are fixed as
/// in ``LossKernel``, so results do not depend on the thread count.
final class RCAEKernel {
    let dim: Int, hidden: Int, chunks: Int
    let tied: Bool
    let activation: AutoEncoder.Activation
    let penalty: Double
    let weights: PaddedWeights
    private var workspaces: [BlockWorkspace] = []
    private var scratch: [RowScratch] = []

    init(dim: Int, hidden: Int, tied: Bool, activation: AutoEncoder.Activation, sigma: Double) {
        self.dim = dim
        self.hidden = hidden
        self.chunks = (hidden + 7) / 8
        self.tied = tied
        self.activation = activation
        self.penalty = sigma * sigma
        self.weights = PaddedWeights(dim: dim, hidden: hidden, activation: activation)
    }

    func evaluate(theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>?,
                  inputs: UnsafePointer<Double>, rows n: Int, threads: Int, stop: StopCheck) -> Double? {
        weights.load(theta, tied: tied)
        let per = max(16, (n + LossKernel.maxBlocks - 1) / LossKernel.maxBlocks)
        let blocks = (n + per - 1) / per
        while workspaces.count < max(1, blocks) {
            workspaces.append(BlockWorkspace(dim: dim, chunks: chunks, tileRows: 1))
            scratch.append(RowScratch(dim: dim, chunks: chunks))
        }
        let spaces = workspaces, rows = scratch
        let scale = 2 / Double(n)
        withUnsafePointer(to: weights.kernelView) { view in
            parallelBlocks(blocks, threads: threads) { k in
                let ws = spaces[k]
                ws.reset()
                var block = ws.kernelView, rowScratch = rows[k].kernelView
                let end = min(n, (k + 1) * per)
                var row = k * per
                while row < end {
                    if row % 16 == 0, stop.requested() { return }
                    let next = min(end, (row / 16 + 1) * 16)
                    ws.loss = ae_rcae_rows(view, &block, &rowScratch, row, next, inputs, scale, self.penalty, ws.loss)
                    row = next
                }
            }
        }
        if stop.wasRequested { return nil }
        let total = spaces[0]
        for k in 1..<max(1, blocks) { total.add(spaces[k]) }
        if let g = gradient {
            withUnsafePointer(to: weights.kernelView) { view in
                var block = total.kernelView
                ae_gradient_unpack(view, &block, hidden, tied ? 1 : 0, 0, g)
            }
        }
        return total.loss / Double(n)
    }
}

/// Per-row scratch of the RCAE kernel.
final class RowScratch {
    let h, g, racc, macc: UnsafeMutablePointer<Lanes>
    let dr, dm: UnsafeMutablePointer<Double>
    init(dim d: Int, chunks C: Int) {
        h = kernelBuffer(C)
        g = kernelBuffer(C)
        racc = kernelBuffer(d)
        macc = kernelBuffer(d * d)
        dr = kernelBuffer(d)
        dm = kernelBuffer(d * d)
    }
    deinit { h.deallocate(); g.deallocate(); racc.deallocate(); macc.deallocate(); dr.deallocate(); dm.deallocate() }

    /// The scratch as the C kernel takes it.
    var kernelView: ae_rcae_scratch {
        ae_rcae_scratch(h: doubles(h), g: doubles(g), racc: doubles(racc), macc: doubles(macc), dr: dr, dm: dm)
    }
}
