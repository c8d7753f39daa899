#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A one-hidden-layer auto-encoder, r(x) = dec(c + V·act(b + W·x)), of one of the paper's three kinds.
///
/// - DAE, the denoising auto-encoder (paper §2, eq. 3): trained on corrupted inputs x̃ = x + ε,
///   ε ~ N(0, σ²I), to minimise mean ||r(x̃) − x||². As in the paper the corruption is drawn once for
///   the fixed training set (`replicate: k` corrupts each point k times); `resample` draws fresh noise
///   each epoch for the stochastic optimisers.
/// - RCAE, the reconstruction contractive auto-encoder (eq. 6): mean ||r(x) − x||² + σ²·||∂r/∂x||²_F,
///   with the exact Jacobian ∂r/∂x = V·diag(act′(b + W·x))·W. Linear decoder only.
/// - CAE, the contractive auto-encoder of Rifai et al. (2011): mean ||r(x) − x||² + λ·||∂h/∂x||²_F,
///   tied sigmoid by default.
///
/// After training, (r(x) − x)/σ² estimates the score ∇ log p(x) (eq. 5); for a CAE, σ² stands for λ.
///
/// Initialisation, from `Xoshiro256(seed: seed, stream: 0)` and the first training data; the default is
/// `.ridge` for untied models and `.glorot` for tied ones:
/// - `.ridge` ("placed units", untied only): hidden unit j gets a random unit direction u_j, a width ℓ_j log-uniform
///   on [min(σ, s), 4s] (s: the mean standard deviation of the data's columns) and a random training
///   point x_k: W_j = u_j/ℓ_j, b_j = −W_j·x_k, so its ridge crosses the data at the scales a DAE must
///   resolve; V = 0.
/// - `.glorot`: W (and V when untied) uniform on ±sqrt(6/(d + H)) (Glorot & Bengio 2010), b = 0: the
///   small random weights of the paper's experiments. Every unit starts nearly linear over the data, so
///   L-BFGS needs many more iterations, and a DAE trained with a small σ is left with whatever r was
///   away from the data (the spurious attractors of Figure 7). On the spiral at σ = 0.01 (4000 points,
///   300 units) it stays at r(x) ≈ x, the DAE loss 2σ², even after 3000 iterations, so Figure 5's field
///   is not learnt; the Gaussian optimum is (ScienceTests). Hence the ridge default.
/// In both, c = the column means of the data for a linear decoder (0 for a sigmoid decoder). The model
/// takes its dimension d from the first data it is trained on.
///
///     let ae = try AutoEncoder(.dae(sigma: 0.01), hidden: 1000)
///     try train(ae, data: spiral, options: TrainingOptions(iterations: 1000))
///     let s = ae.score(points, threads: 0)
public final class AutoEncoder: ReconstructionField {
    /// Which objective the model is trained on.
    public enum Kind: Equatable {
        case dae(sigma: Double)
        case rcae(sigma: Double)
        case cae(lambda: Double)

        /// "DAE", "RCAE" or "CAE".
        public var name: String {
            switch self {
            case .dae: return "DAE"
            case .rcae: return "RCAE"
            case .cae: return "CAE"
            }
        }
    }

    /// How the parameters start (see the type's documentation).
    public enum Initialization: String, CaseIterable { case ridge, glorot }

    /// The hidden nonlinearity.
    public enum Activation: String, CaseIterable { case tanh, sigmoid }
    /// The output nonlinearity: none (linear) or the sigmoid, for data in [0, 1].
    public enum Decoder: String, CaseIterable { case linear, sigmoid }

    public let kind: Kind
    public let hidden: Int
    public let tied: Bool
    public let activation: Activation
    public let decoder: Decoder
    /// DAE: how many corrupted copies of each training point (paper: the corruption is fixed).
    public let replicate: Int
    /// DAE with a stochastic optimiser: fresh corruption every epoch.
    public let resample: Bool
    public let seed: UInt64
    /// How the parameters are made on first training.
    public let initialization: Initialization

    /// The input dimension d; 0 until the model is first trained (or loaded).
    public private(set) var dim: Int = 0
    /// All parameters in one vector: W as d × H (column j holds unit j's input weights, i.e. Wᵀ),
    /// b (H), V as d × H (absent when tied: V = Wᵀ), c (d).
    public internal(set) var parameters: [Double] = [] {
        didSet { queryWeightsCache.withLock { $0 = nil } }
    }
    /// The parameters in the queries' layouts (``queryWeights()``), made again after they change.
    let queryWeightsCache = Mutex<QueryWeights?>(nil)
    /// The training loss after each iteration, across every call to `train`.
    public internal(set) var losses: [Double] = []
    /// Iterations trained so far.
    public var iterations: Int { losses.count }

    /// Checks the settings and that the smallest such model (d = 1) fits in memory; the parameters are
    /// made on first training, when d is known.
    public init(_ kind: Kind, hidden: Int, tied: Bool? = nil, activation: Activation? = nil,
                decoder: Decoder = .linear, replicate: Int = 1, resample: Bool = false, seed: UInt64 = 42,
                initialization: Initialization? = nil) throws {
        switch kind {
        case .dae(let s), .rcae(let s):
            guard s.isFinite, s > 0 else { throw ModelError("sigma must be a finite number > 0, got \(s)") }
        case .cae(let l):
            guard l.isFinite, l > 0 else { throw ModelError("lambda must be a finite number > 0, got \(l)") }
        }
        guard hidden > 0 else { throw ModelError("hidden must be > 0, got \(hidden)") }
        guard replicate >= 1 else { throw ModelError("replicate must be >= 1, got \(replicate)") }
        if case .rcae = kind, decoder == .sigmoid {
            throw ModelError("an RCAE has a linear decoder (its penalty is the Jacobian of r, eq. 6)")
        }
        self.kind = kind
        self.hidden = hidden
        if case .cae = kind {
            self.tied = tied ?? true
            self.activation = activation ?? .sigmoid
        } else {
            self.tied = tied ?? false
            self.activation = activation ?? .tanh
        }
        if initialization == .ridge && self.tied {
            throw ModelError("the ridge initialisation is for untied models (it starts at V = 0); a tied model starts with glorot")
        }
        self.initialization = initialization ?? (self.tied ? .glorot : .ridge)
        self.decoder = decoder
        self.replicate = replicate
        self.resample = resample
        self.seed = seed
        try MemoryBudget.check(parameterCount: Self.parameterCount(dim: 1, hidden: hidden, tied: self.tied),
                               what: "a model with \(hidden) hidden units")
    }

    /// The number of parameters of a model of this shape.
    public static func parameterCount(dim d: Int, hidden h: Int, tied: Bool) -> Int {
        let (a, o1) = d.multipliedReportingOverflow(by: h)
        guard !o1, a < Int.max / 4 else { return Int.max }
        return (tied ? a : 2 * a) + h + d
    }

    /// σ, the scale that turns r(x) − x into a score: the DAE's noise, the RCAE's σ, √λ for a CAE.
    public var sigma: Double {
        switch kind {
        case .dae(let s), .rcae(let s): return s
        case .cae(let l): return l.squareRoot()
        }
    }

    /// The regularisation weight of the contractive penalty (σ² for an RCAE, λ for a CAE, 0 for a DAE).
    var penaltyWeight: Double {
        switch kind {
        case .dae: return 0
        case .rcae(let s): return s * s
        case .cae(let l): return l
        }
    }

    /// True once the model has parameters (trained or loaded).
    public var isInitialized: Bool { dim > 0 }

    // MARK: Parameter blocks

    var offsetB: Int { dim * hidden }
    var offsetV: Int { dim * hidden + hidden }
    var offsetC: Int { tied ? dim * hidden + hidden : 2 * dim * hidden + hidden }

    /// Encoder weights W, H × d, row-major (row j: the input weights of hidden unit j).
    public var W: [Double] {
        var w = [Double](repeating: 0, count: hidden * dim)
        for i in 0..<dim { for j in 0..<hidden { w[j * dim + i] = parameters[i * hidden + j] } }
        return w
    }
    /// Hidden biases b (H).
    public var b: [Double] { Array(parameters[offsetB ..< offsetB + hidden]) }
    /// Decoder weights V, d × H, row-major (Wᵀ when tied).
    public var V: [Double] {
        tied ? Array(parameters[0 ..< dim * hidden]) : Array(parameters[offsetV ..< offsetV + dim * hidden])
    }
    /// Output biases c (d).
    public var c: [Double] { Array(parameters[offsetC ..< offsetC + dim]) }

    /// Sets every parameter from W (H × d), b, V (d × H, ignored when tied) and c.
    public func setParameters(dim d: Int, W w: [Double], b bias: [Double], V v: [Double]?, c out: [Double]) throws {
        let h = hidden
        guard d >= 1, w.count == h * d, bias.count == h, out.count == d else {
            throw ModelError("parameter shapes do not match: expected W \(h)×\(d), b \(h), c \(d)")
        }
        if !tied {
            guard let v, v.count == d * h else { throw ModelError("parameter shapes do not match: expected V \(d)×\(h)") }
        }
        var theta = [Double](repeating: 0, count: Self.parameterCount(dim: d, hidden: h, tied: tied))
        for i in 0..<d { for j in 0..<h { theta[i * h + j] = w[j * d + i] } }
        theta.replaceSubrange(d * h ..< d * h + h, with: bias)
        if !tied, let v { theta.replaceSubrange(d * h + h ..< 2 * d * h + h, with: v) }
        theta.replaceSubrange(theta.count - d ..< theta.count, with: out)
        guard theta.allSatisfy({ $0.isFinite }) else { throw ModelError("parameters must be finite") }
        dim = d
        parameters = theta
    }

    /// Makes fresh parameters for d-dimensional data (see the type's documentation).
    func initialize(for data: Dataset) {
        let d = data.dim, h = hidden
        var rng = Xoshiro256(seed: seed, stream: 0)
        var theta = [Double](repeating: 0, count: Self.parameterCount(dim: d, hidden: h, tied: tied))
        let glorot = (6.0 / Double(d + h)).squareRoot()
        if initialization == .glorot {
            for k in 0 ..< d * h { theta[k] = rng.uniform(-glorot, glorot) }
            if !tied { for k in d * h + h ..< 2 * d * h + h { theta[k] = rng.uniform(-glorot, glorot) } }   // V
        } else {
            // Placed units: unit j is a tanh (or sigmoid) ridge through a random training point, across a
            // random direction, of width ℓ_j log-uniform between σ and 4 times the data's spread. A DAE must resolve
            // the data at the scale σ (the spiral's arms are 25σ apart, its noise σ wide); Glorot's weights
            // make every unit nearly linear over the whole data set, and L-BFGS then spends thousands of
            // iterations growing them. The decoder starts at V = 0, so r(x) starts at the data mean.
            let spread = max(1e-12, (0..<d).map { column -> Double in
                var m = 0.0, ss = 0.0
                for i in 0..<data.n { m += data[i, column] }
                m /= Double(data.n)
                for i in 0..<data.n { ss += (data[i, column] - m) * (data[i, column] - m) }
                return (ss / Double(data.n)).squareRoot()
            }.reduce(0, +) / Double(d))
            let shortest = min(sigma, spread)
            for j in 0..<h {
                var u = (0..<d).map { _ in rng.normal() }
                let norm = max(1e-300, u.map { $0 * $0 }.reduce(0, +).squareRoot())
                u = u.map { $0 / norm }
                let width = shortest * pow(4 * spread / shortest, rng.uniform())
                let anchor = data.row(rng.index(data.n))
                var bias = 0.0
                for i in 0..<d {
                    theta[i * h + j] = u[i] / width
                    bias -= theta[i * h + j] * anchor[i]
                }
                theta[d * h + j] = bias
            }
        }
        if decoder == .linear {
            let mean = data.mean
            for i in 0..<d { theta[theta.count - d + i] = mean[i] }
        }
        dim = d
        parameters = theta
    }

    /// Restores the training history (used when loading a saved model).
    public func setLosses(_ values: [Double]) { losses = values }
}

/// A model that cannot be made or used as asked; the message is meant for the user.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Refuses work whose arrays would not fit in memory, before allocating them.
public enum MemoryBudget {
    /// Physical memory in bytes.
    public static let physical: Int = {
        #if canImport(Glibc)
        return max(1 << 30, Int(sysconf(Int32(_SC_PHYS_PAGES))) &* Int(sysconf(Int32(_SC_PAGESIZE))))
        #else
        return 8 << 30
        #endif
    }()

    /// Throws when `parameterCount` parameters (with the gradient, optimiser state and per-block partial
    /// gradients, about 60 copies) would exceed physical memory.
    static func check(parameterCount p: Int, what: String) throws {
        let (bytes, overflow) = p.multipliedReportingOverflow(by: 8 * 60)
        if overflow || bytes > physical {
            throw ModelError("\(what) would not fit in memory (\(p == Int.max ? "too many" : String(p)) parameters)")
        }
    }

    /// Throws when `doubles` values would take more than half of physical memory.
    static func check(doubles n: Int, what: String) throws {
        let (bytes, overflow) = n.multipliedReportingOverflow(by: 8)
        if overflow || bytes > physical / 2 {
            throw ModelError("\(what) would not fit in memory")
        }
    }
}
