/// A model's training objective on a fixed dataset: the (corrupted) inputs, the targets and the fused
/// kernel that evaluates the loss and its gradient with respect to the parameter vector θ.
///
/// DAE: each point is corrupted `replicate` times, once, with ε ~ N(0, σ²I) from
/// `Xoshiro256(seed: model.seed, stream: 1)` (stream 1 + e for epoch e when resampling), row by row in
/// order, so the training set does not depend on the thread count. RCAE and CAE use the data as is.
///
///     let objective = try TrainingObjective(model: ae, data: data)
///     let (loss, gradient) = objective.evaluate(ae.parameters, threads: 0)
public final class TrainingObjective {
    public let model: AutoEncoder
    public let data: Dataset
    /// Rows of the training set (N·replicate for a DAE).
    public let rows: Int
    let dim: Int
    private(set) var inputs: [Double]
    private(set) var targets: [Double]
    private let lossKernel: LossKernel?
    private let rcaeKernel: RCAEKernel?
    /// Asked from the kernel's worker threads between tiles of rows (so it must be thread-safe): when
    /// it returns true the evaluation stops early, returns NaN and sets `wasStopped`. Training uses it
    /// to honour Ctrl-C and deadlines inside one long evaluation.
    public var shouldStop: (() -> Bool)?
    /// Whether the last evaluation was cut short by `shouldStop`.
    public private(set) var wasStopped = false
    /// Which kernel evaluates a DAE's or CAE's loss (the RCAE has one kernel): by default the fused
    /// kernel for narrow data and blocked matrix products for wide data.
    public var lossEvaluation: LossEvaluation {
        get { lossKernel?.evaluation ?? .automatic }
        set { lossKernel?.evaluation = newValue }
    }

    /// Checks the data (non-empty, finite, of the model's dimension), initialises an untrained model's
    /// parameters, and draws the DAE's corruption.
    public init(model: AutoEncoder, data: Dataset) throws {
        guard data.n > 0 else { throw ModelError("the training data is empty") }
        if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
            throw ModelError("the training data has a non-finite value (\(data.values[bad])) in row \(bad / data.dim + 1)")
        }
        if model.isInitialized, model.dim != data.dim {
            throw ModelError("the model was trained on \(model.dim)-dimensional data, got \(data.dim)-dimensional data")
        }
        let p = AutoEncoder.parameterCount(dim: data.dim, hidden: model.hidden, tied: model.tied)
        try MemoryBudget.check(parameterCount: p, what: "a model with \(model.hidden) hidden units on \(data.dim)-dimensional data")
        let copies = model.isDenoising ? model.replicate : 1
        let (total, overflow) = data.values.count.multipliedReportingOverflow(by: 2 * copies)
        guard !overflow else { throw ModelError("the training set would not fit in memory") }
        try MemoryBudget.check(doubles: total, what: "the training set (\(data.n) points × \(copies) copies)")
        if !model.isInitialized { model.initialize(for: data) }
        self.model = model
        self.data = data
        self.dim = data.dim
        self.rows = data.n * copies
        if copies == 1 {
            targets = data.values
        } else {
            targets = []
            targets.reserveCapacity(total / 2)
            for _ in 0..<copies { targets.append(contentsOf: data.values) }
        }
        inputs = targets
        switch model.kind {
        case .rcae(let sigma):
            rcaeKernel = RCAEKernel(dim: dim, hidden: model.hidden, tied: model.tied, activation: model.activation, sigma: sigma)
            lossKernel = nil
        case .cae(let lambda):
            lossKernel = LossKernel(dim: dim, hidden: model.hidden, tied: model.tied, activation: model.activation,
                                    sigmoidDecoder: model.decoder == .sigmoid, caeLambda: lambda)
            rcaeKernel = nil
        case .dae:
            lossKernel = LossKernel(dim: dim, hidden: model.hidden, tied: model.tied, activation: model.activation,
                                    sigmoidDecoder: model.decoder == .sigmoid, caeLambda: 0)
            rcaeKernel = nil
            corrupt(epoch: 0)
        }
    }

    /// Redraws the DAE's corruption for `epoch` (epoch 0 is the fixed corruption of the paper).
    public func corrupt(epoch: Int) {
        guard model.isDenoising else { return }
        var rng = Xoshiro256(seed: model.seed, stream: 1 + UInt64(epoch))
        let sigma = model.sigma
        for k in 0..<targets.count { inputs[k] = targets[k] + sigma * rng.normal() }
    }

    /// The loss at θ and its gradient.
    public func evaluate(_ theta: [Double], threads: Int = 0) -> (loss: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: theta.count)
        let loss = evaluate(theta, gradient: &gradient, threads: threads)
        return (loss, gradient)
    }

    /// The loss at θ, writing its gradient into `gradient` (same length as θ).
    public func evaluate(_ theta: [Double], gradient: inout [Double], threads: Int = 0) -> Double {
        precondition(theta.count == model.parameters.count && gradient.count == theta.count)
        return theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in
                inputs.withUnsafeBufferPointer { x in
                    targets.withUnsafeBufferPointer { y in
                        run(t.baseAddress!, g.baseAddress, x.baseAddress!, y.baseAddress!, rows, threads)
                    }
                }
            }
        }
    }

    /// The loss at θ alone (no gradient).
    public func loss(_ theta: [Double], threads: Int = 0) -> Double {
        theta.withUnsafeBufferPointer { t in
            inputs.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    run(t.baseAddress!, nil, x.baseAddress!, y.baseAddress!, rows, threads)
                }
            }
        }
    }

    /// The loss and gradient on the training rows `batch` (a minibatch), gathered in the given order.
    func evaluate(_ theta: [Double], gradient: inout [Double], batch: ArraySlice<Int>, threads: Int) -> Double {
        var x = [Double](), y = [Double]()
        x.reserveCapacity(batch.count * dim)
        y.reserveCapacity(batch.count * dim)
        for r in batch {
            x.append(contentsOf: inputs[r * dim ..< (r + 1) * dim])
            y.append(contentsOf: targets[r * dim ..< (r + 1) * dim])
        }
        return theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in
                run(t.baseAddress!, g.baseAddress, x, y, batch.count, threads)
            }
        }
    }

    private func run(_ theta: UnsafePointer<Double>, _ gradient: UnsafeMutablePointer<Double>?,
                     _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int, _ threads: Int) -> Double {
        let stop = StopCheck(shouldStop)
        let loss = if let k = lossKernel {
            k.evaluate(theta: theta, gradient: gradient, inputs: x, targets: y, rows: n, threads: threads, stop: stop)
        } else {
            rcaeKernel!.evaluate(theta: theta, gradient: gradient, inputs: x, rows: n, threads: threads, stop: stop)
        }
        wasStopped = loss == nil
        return loss ?? .nan
    }
}

extension AutoEncoder {
    /// True for a DAE (trained on corrupted inputs).
    public var isDenoising: Bool {
        if case .dae = kind { return true }
        return false
    }
}
