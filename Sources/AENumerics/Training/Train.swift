/// How to train: the optimiser, when to stop, and (stochastic methods) the minibatch and step size.
public struct TrainingOptions {
    /// Maximum iterations. L-BFGS: one iteration is one step with its line search. Adam and SGD: one
    /// iteration is one epoch, a pass over the training set in shuffled minibatches.
    public var iterations: Int
    public var method: TrainingMethod
    /// Minibatch size for Adam and SGD (clamped to the training set size).
    public var batch: Int
    /// Step size for Adam (default 1e-3) and SGD (default 0.01); nil takes the default.
    public var learningRate: Double?
    /// Stop when the gradient's Euclidean norm falls to this value (L-BFGS; 0: never).
    public var tolerance: Double
    /// Worker threads for the loss+gradient kernel; 0: one per core. Results never depend on it.
    public var threads: Int
    /// L-BFGS memory: the number of (s, y) pairs kept.
    public var memory: Int

    public init(iterations: Int = 1000, method: TrainingMethod = .lbfgs, batch: Int = 128,
                learningRate: Double? = nil, tolerance: Double = 1e-10, threads: Int = 0, memory: Int = 10) {
        self.iterations = iterations
        self.method = method
        self.batch = batch
        self.learningRate = learningRate
        self.tolerance = tolerance
        self.threads = threads
        self.memory = memory
    }
}

/// The optimisers.
public enum TrainingMethod: String, CaseIterable {
    /// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, algorithms 7.4, 3.5, 3.6).
    case lbfgs
    /// Adam (Kingma & Ba 2015) on minibatches.
    case adam
    /// Plain stochastic gradient descent on minibatches.
    case sgd
}

/// Why training stopped.
public enum StopReason: String {
    case iterations = "iteration limit"
    case tolerance = "gradient below tolerance"
    case interrupted = "interrupted"
    case noProgress = "no further progress"
}

/// What a call to ``train(_:data:options:progress:)`` did.
public struct TrainingResult {
    /// Iterations done in this call.
    public let iterations: Int
    /// Loss+gradient evaluations (full-data, or minibatches for Adam and SGD).
    public let evaluations: Int
    /// The loss of the parameters kept.
    public let loss: Double
    public let gradientNorm: Double
    public let reason: StopReason
}

/// Training met a non-finite loss; the model keeps its last finite parameters.
public struct TrainingError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Trains `model` on `data`, appending each iteration's loss to `model.losses`.
///
/// `progress(iteration, loss, gradientNorm)` is called after every iteration (iteration counts from 1
/// within this call); returning false stops training (e.g. on Ctrl-C), keeping the best parameters so
/// far. A non-finite loss stops training with a ``TrainingError`` and leaves the last finite
/// parameters in place. `shouldStop` is asked from the kernel's worker threads between tiles of rows
/// (it must be thread-safe): when it returns true, training stops within a fraction of one evaluation,
/// with reason `.interrupted` and the last accepted parameters. Bad input (empty data, NaN, wrong
/// dimension, a model too big for memory, bad options) throws a ``ModelError`` before any work.
///
///     let ae = try AutoEncoder(.dae(sigma: 0.01), hidden: 1000)
///     let result = try train(ae, data: spiral, options: TrainingOptions(iterations: 1000))
@discardableResult
public func train(_ model: AutoEncoder, data: Dataset, options: TrainingOptions = TrainingOptions(),
                  shouldStop: (() -> Bool)? = nil,
                  progress: (Int, Double, Double) -> Bool = { _, _, _ in true }) throws -> TrainingResult {
    guard options.iterations >= 0 else { throw ModelError("iterations must be >= 0, got \(options.iterations)") }
    guard options.batch >= 1 else { throw ModelError("the batch size must be >= 1, got \(options.batch)") }
    if let lr = options.learningRate, !(lr.isFinite && lr > 0) {
        throw ModelError("the learning rate must be a finite number > 0, got \(lr)")
    }
    guard options.tolerance >= 0, !options.tolerance.isNaN else { throw ModelError("the gradient tolerance must be >= 0") }
    guard options.memory >= 1 else { throw ModelError("the L-BFGS memory must be >= 1") }
    let objective = try TrainingObjective(model: model, data: data)
    objective.shouldStop = shouldStop
    switch options.method {
    case .lbfgs:
        return try LBFGS(objective: objective, options: options).run(progress: progress)
    case .adam, .sgd:
        return try StochasticTrainer(objective: objective, options: options).run(progress: progress)
    }
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in a.indices { s += a[k] * b[k] }
    return s
}
