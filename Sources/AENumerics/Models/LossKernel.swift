import _AEKernels

/// The fused loss + gradient evaluation: one pass over the data, never materialising an N × H matrix.
///
/// Blocking (BLIS-style: one small inner kernel, plain loops around it):
/// - The rows are cut into at most `maxBlocks` fixed blocks, a multiple of the tile height each. The
///   blocks depend only on N, never on the thread count; workers pull whole blocks, every block writes
///   its own partial gradient, and the partials are added in block order. Same bits for any thread count.
/// - A block is processed in tiles of R rows by the inner kernel, `ae_loss_tile` (_AEKernels/LossTile.c,
///   compiled per instruction set). For a tile, the forward sweep runs over chunks of 8 hidden units
///   (one `Lanes`) and, inside, over the R rows: h = act(b + W·x̃) goes to an R × H tile buffer that
///   stays in L2; r = V·h then accumulates in R·d lane accumulators (for d ≤ 2, in registers, row by
///   row after the chunk loop). The backward sweep runs over the same chunks, keeping the chunk's
///   gradient accumulators in L1 while it streams the R rows.
final class LossKernel {
    let dim: Int, hidden: Int, chunks: Int
    let tied: Bool
    let activation: AutoEncoder.Activation
    let sigmoidDecoder: Bool
    /// 0 for a DAE; λ for a CAE (penalty on the encoder Jacobian); for an RCAE see ``RCAEKernel``.
    let caeLambda: Double
    /// Rows per tile: the tile's hidden values (R × H doubles) should sit in about 256 KB of L2.
    let tileRows: Int
    static let maxBlocks = 32
    let weights: PaddedWeights
    private var workspaces: [BlockWorkspace] = []
    /// Which kernel runs (see ``LossEvaluation``).
    var evaluation = LossEvaluation.automatic
    private lazy var wide = WideLossKernel(dim: dim, chunks: chunks)

    /// Whether the blocked products of ``WideLossKernel`` evaluate.
    var usesBlockedProducts: Bool {
        switch evaluation {
        case .automatic: dim >= LossEvaluation.wideDimension
        case .fused: false
        case .blocked: true
        }
    }

    init(dim: Int, hidden: Int, tied: Bool, activation: AutoEncoder.Activation, sigmoidDecoder: Bool, caeLambda: Double) {
        self.dim = dim
        self.hidden = hidden
        self.chunks = (hidden + 7) / 8
        self.tied = tied
        self.activation = activation
        self.sigmoidDecoder = sigmoidDecoder
        self.caeLambda = caeLambda
        self.tileRows = max(4, min(64, 32768 / (8 * chunks)) / 4 * 4)
        self.weights = PaddedWeights(dim: dim, hidden: hidden, activation: activation)
    }

    /// The fixed partition of n rows into blocks (depends on n only).
    func blockRows(_ n: Int) -> Int {
        let per = (n + Self.maxBlocks - 1) / Self.maxBlocks
        return max(tileRows, (per + tileRows - 1) / tileRows * tileRows)
    }

    private func workspace(_ k: Int) -> BlockWorkspace {
        while workspaces.count <= k {
            workspaces.append(BlockWorkspace(dim: dim, chunks: chunks, tileRows: tileRows))
        }
        return workspaces[k]
    }

    /// mean over rows of ||r(x̃) − x||² (+ the CAE penalty), and its gradient with respect to θ when
    /// `gradient` is given. Row k's input is `inputs[k·d ..< (k+1)·d]`, its target `targets[...]`.
    /// `stop` is asked before each tile; nil when it said stop (the gradient is then incomplete).
    func evaluate(theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>?,
                  inputs: UnsafePointer<Double>, targets: UnsafePointer<Double>, rows n: Int, threads: Int,
                  stop: StopCheck) -> Double? {
        weights.load(theta, tied: tied)
        let scale = 2 / Double(n)
        let backward = gradient != nil || caeLambda > 0
        let total: BlockWorkspace
        if usesBlockedProducts {
            guard let sums = wide.accumulate(weights, inputs: inputs, targets: targets, rows: n, threads: threads,
                                             stop: stop, scale: scale, backward: backward,
                                             sigmoidDecoder: sigmoidDecoder, caeLambda: caeLambda) else { return nil }
            total = sums
        } else {
            guard let sums = fusedSums(inputs: inputs, targets: targets, rows: n, threads: threads, stop: stop,
                                       scale: scale, backward: backward) else { return nil }
            total = sums
        }
        var loss = total.loss / Double(n)
        if caeLambda > 0 {
            var penalty = 0.0
            for k in 0..<chunks { penalty += laneSum(weights.wsq[k] * total.gsq[k]) }
            loss += caeLambda * penalty / Double(n)
        }
        guard let g = gradient else { return loss }
        withUnsafePointer(to: weights.kernelView) { view in
            var block = total.kernelView
            ae_gradient_unpack(view, &block, hidden, tied ? 1 : 0, caeLambda > 0 ? 2 * caeLambda / Double(n) : 0, g)
        }
        return loss
    }

    /// The fused kernel's sums over the n rows (see the type's comment); nil when `stop` said stop.
    private func fusedSums(inputs: UnsafePointer<Double>, targets: UnsafePointer<Double>, rows n: Int, threads: Int,
                           stop: StopCheck, scale: Double, backward: Bool) -> BlockWorkspace? {
        let per = blockRows(n)
        let blocks = (n + per - 1) / per
        for k in 0..<max(1, blocks) { _ = workspace(k) }
        let spaces = workspaces
        let backward: Int32 = backward ? 1 : 0
        let sigmoidDecoder: Int32 = self.sigmoidDecoder ? 1 : 0
        withUnsafePointer(to: weights.kernelView) { view in
            parallelBlocks(blocks, threads: threads) { k in
                let ws = spaces[k]
                ws.reset()
                var block = ws.kernelView
                let start = k * per, end = min(n, start + per)
                var row = start
                while row < end, !stop.requested() {
                    let count = min(self.tileRows, end - row)
                    ws.loss += ae_loss_tile(view, &block, count, inputs + row * self.dim, targets + row * self.dim,
                                            scale, backward, sigmoidDecoder, self.caeLambda)
                    row += count
                }
            }
        }
        if stop.wasRequested { return nil }
        // Fixed summation tree: block partials in block order.
        let total = spaces[0]
        for k in 1..<max(1, blocks) { total.add(spaces[k]) }
        return total
    }
}

/// One block's scratch space and partial results.
final class BlockWorkspace {
    let dim: Int, chunks: Int, tileRows: Int
    let hidden: UnsafeMutablePointer<Lanes>    // C × R: the tile's hidden values
    let outputs: UnsafeMutablePointer<Lanes>   // R × d lane accumulators of V·h
    let delta: UnsafeMutablePointer<Double>    // R × d: ∂loss/∂(decoder pre-activation)
    let deltaHidden: UnsafeMutablePointer<Lanes>  // R: one chunk's ∂loss/∂a
    // Partial gradient (padded layout) and loss.
    let gwt: UnsafeMutablePointer<Lanes>
    let gv: UnsafeMutablePointer<Lanes>
    let gb: UnsafeMutablePointer<Lanes>
    let gsq: UnsafeMutablePointer<Lanes>
    let gc: UnsafeMutablePointer<Double>
    var loss = 0.0
    private let partialCount: Int

    init(dim d: Int, chunks C: Int, tileRows R: Int) {
        dim = d; chunks = C; tileRows = R
        hidden = kernelBuffer(C * R)
        outputs = kernelBuffer(R * d)
        delta = kernelBuffer(R * d)
        deltaHidden = kernelBuffer(R)
        partialCount = (2 * d + 2) * C
        gwt = kernelBuffer(partialCount)
        gv = gwt + d * C
        gb = gv + d * C
        gsq = gb + C
        gc = kernelBuffer(d)
    }

    deinit {
        hidden.deallocate(); outputs.deallocate(); delta.deallocate(); deltaHidden.deallocate(); gwt.deallocate(); gc.deallocate()
    }

    /// The workspace as the C kernels take it.
    var kernelView: ae_block {
        ae_block(hidden: doubles(hidden), outputs: doubles(outputs), delta: delta, delta_hidden: doubles(deltaHidden),
                 gwt: doubles(gwt), gv: doubles(gv), gb: doubles(gb), gsq: doubles(gsq), gc: gc)
    }

    func reset() {
        gwt.update(repeating: Lanes(), count: partialCount)
        gc.update(repeating: 0, count: dim)
        loss = 0
    }

    /// Adds another block's partial results to this one.
    func add(_ other: BlockWorkspace) {
        for k in 0..<partialCount { gwt[k] += other.gwt[k] }
        for i in 0..<dim { gc[i] += other.gc[i] }
        loss += other.loss
    }
}
