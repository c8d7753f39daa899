import AELang
import AENumerics
import AEFiles

/// The auto-encoder builtins: making (dae, rcae, cae), training, the queries of the paper's §3
/// (reconstruct, encode, score, jacobian, hessian, energy_diff), and model files (load; `save` is in
/// FileBuiltins and dispatches to ``ModelValue``).
enum ModelBuiltins {
    static var functions: [Function] {
        [dae, rcae, cae, train, reconstruct, encode, score, jacobian, hessian, energyDiff, load]
    }

    // MARK: Making models

    static let dae = Function(
        name: "dae",
        parameters: [Parameter("hidden"), Parameter("sigma"), Parameter("tied", default: .bool(false)),
                     Parameter("activation", default: .string("tanh")), Parameter("decoder", default: .string("linear")),
                     Parameter("replicate", default: .number(1)), Parameter("resample", default: .bool(false)),
                     Parameter("seed", default: .nil), Parameter("init", default: .nil)],
        doc: """
        dae(hidden:, sigma:, tied: false, activation: "tanh", decoder: "linear", replicate: 1, resample: false, seed:, init:)
        a denoising auto-encoder (paper eq. 3): trained on x + N(0, sigma²) to reconstruct x, so that
        (r(x) − x)/sigma² estimates the score. The corruption is drawn once for the training set
        (replicate: k corrupts each point k times); resample: true redraws it every epoch (adam, sgd).
        init: "ridge" (the default when untied: each hidden unit starts as a tanh ridge through a random
        training point, V = 0, which trains fast) or "glorot" (small random weights, as in the paper's
        experiments; the default when tied).

            ae = dae(hidden: 50, sigma: 0.1)
            train(ae, spiral(200), iters: 20)
            score(ae, [0.1, 0.2])
        """
    ) { args in
        let sigma = try args.positive("sigma")
        return try make(args, .dae(sigma: sigma), tied: try args.bool("tied"))
    }

    static let rcae = Function(
        name: "rcae",
        parameters: [Parameter("hidden"), Parameter("sigma"), Parameter("tied", default: .bool(false)),
                     Parameter("activation", default: .string("tanh")), Parameter("seed", default: .nil),
                     Parameter("init", default: .nil)],
        doc: """
        rcae(hidden:, sigma:, tied: false, activation: "tanh", seed:, init:)
        a reconstruction contractive auto-encoder (paper eq. 6): minimises ||r(x) − x||² + sigma²·||∂r/∂x||²,
        with a linear decoder. For small sigma it learns the same score as a DAE (Proposition 1).
        init: "ridge" or "glorot", as for dae.

            ae = rcae(hidden: 50, sigma: 0.1)
            train(ae, spiral(200), iters: 20)
        """
    ) { args in
        let sigma = try args.positive("sigma")
        return try make(args, .rcae(sigma: sigma), tied: try args.bool("tied"))
    }

    static let cae = Function(
        name: "cae",
        parameters: [Parameter("hidden"), Parameter("lambda"), Parameter("tied", default: .bool(true)),
                     Parameter("activation", default: .string("sigmoid")), Parameter("decoder", default: .string("linear")),
                     Parameter("seed", default: .nil)],
        doc: """
        cae(hidden:, lambda:, tied: true, activation: "sigmoid", decoder: "linear", seed:)
        a contractive auto-encoder (Rifai et al. 2011): minimises ||r(x) − x||² + lambda·||∂h/∂x||²;
        its score estimate (r(x) − x)/lambda treats lambda as sigma².

            ae = cae(hidden: 50, lambda: 0.01)
            train(ae, circle(200), iters: 20)
        """
    ) { args in
        let lambda = try args.positive("lambda")
        return try make(args, .cae(lambda: lambda), tied: try args.bool("tied"))
    }

    static func make(_ args: Arguments, _ kind: AutoEncoder.Kind, tied: Bool) throws -> Value {
        let hidden = try args.int("hidden", in: 1...Int.max)
        let activation = AutoEncoder.Activation(rawValue: try args.choice("activation", AutoEncoder.Activation.allCases.map(\.rawValue)))!
        var decoder = AutoEncoder.Decoder.linear
        if args.function.parameters.contains(where: { $0.name == "decoder" }) {
            decoder = AutoEncoder.Decoder(rawValue: try args.choice("decoder", AutoEncoder.Decoder.allCases.map(\.rawValue)))!
        }
        var replicate = 1, resample = false
        if args.function.parameters.contains(where: { $0.name == "replicate" }) {
            replicate = try args.int("replicate", in: 1...1_000_000)
            resample = try args.bool("resample")
        }
        var initialization: AutoEncoder.Initialization?
        if args.function.parameters.contains(where: { $0.name == "init" }), !args.isNil("init") {
            initialization = AutoEncoder.Initialization(rawValue: try args.choice("init", AutoEncoder.Initialization.allCases.map(\.rawValue)))!
        }
        let seed: UInt64 = args.isNil("seed") ? args.context.numerics.nextSeed() : UInt64(try args.int("seed", in: 0...Int.max))
        do {
            let model = try AutoEncoder(kind, hidden: hidden, tied: tied, activation: activation, decoder: decoder,
                                        replicate: replicate, resample: resample, seed: seed, initialization: initialization)
            return .object(ModelValue(model))
        } catch let error as ModelError {
            throw NativeError("\(args.function.name)(): \(error.message)", argument: initialization == .ridge && tied ? "init" : "hidden")
        }
    }

    // MARK: Training

    static let train = Function(
        name: "train",
        parameters: [Parameter("ae"), Parameter("data"), Parameter("iters", default: .number(1000)),
                     Parameter("method", default: .string("lbfgs")), Parameter("batch", default: .number(128)),
                     Parameter("lr", default: .nil), Parameter("tolerance", default: .number(1e-10))],
        doc: """
        train(ae, data, iters: 1000, method: "lbfgs", batch: 128, lr:, tolerance: 1e-10)
        train an auto-encoder, returning it. method: "lbfgs" (L-BFGS with a strong-Wolfe line search;
        one iteration per step), "adam" or "sgd" (one iteration per epoch of minibatches of `batch` rows;
        lr defaults to 0.001 for adam, 0.01 for sgd). Stops after `iters`, when the gradient norm is below
        `tolerance`, or on Ctrl-C, keeping the best parameters. Training again continues from where it
        stopped; ae.losses holds the loss of every iteration. Ctrl-C works as for sample(): train returns
        the model trained so far (the REPL shows it), and a running script is still stopped at the
        evaluator's next interrupt check.

            ae = dae(hidden: 20, sigma: 0.1)
            train(ae, circle(100), iters: 10)
            len(ae.losses)          # 10
        """
    ) { args in
        let value = try args.object("ae", as: ModelValue.self)
        let data = try args.dataset("data")
        let iterations = try args.int("iters", in: 0...Int.max)
        let method = TrainingMethod(rawValue: try args.choice("method", TrainingMethod.allCases.map(\.rawValue)))!
        let batch = try args.int("batch", in: 1...Int.max)
        let lr: Double? = args.isNil("lr") ? nil : try args.positive("lr")
        let tolerance = try args.number("tolerance")
        guard tolerance >= 0, !tolerance.isNaN else {
            throw NativeError("train(): tolerance must be >= 0, got \(formatNumber(tolerance))", argument: "tolerance")
        }
        let model = value.model
        if model.isInitialized, model.dim != data.dim {
            throw NativeError("train(): the model was trained on \(model.dim)-dimensional data, data is \(data.dim)-dimensional",
                              argument: "data")
        }
        if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
            throw NativeError("train(): data has \(formatNumber(data.values[bad])) at row \(bad / data.dim), column \(bad % data.dim); data must be finite",
                              argument: "data")
        }
        let context = args.context
        let options = TrainingOptions(iterations: iterations, method: method, batch: batch, learningRate: lr,
                                      tolerance: tolerance, threads: context.options.threads)
        let bar = context.progress("train \(model.kind.name)", total: iterations)
        let result: TrainingResult
        do {
            result = try AENumerics.train(model, data: data, options: options,
                                          shouldStop: { context.isInterrupted }) { i, loss, norm in
                bar.update(i, status: "loss \(short(loss)) |grad| \(short(norm))")
                return !context.isInterrupted
            }
        } catch let error as ModelError {
            bar.finish(status: "not started")
            throw NativeError("train(): \(error.message)", argument: "data")
        } catch let error as TrainingError {
            value.trainingData = data      // the parameters kept were trained on it
            bar.finish(status: "stopped: non-finite loss")
            throw NativeError(error.message)
        }
        value.trainingData = data
        bar.finish(status: "\(result.iterations) iterations, loss \(short(result.loss)), \(result.reason.rawValue)")
        if result.reason == .interrupted { try context.checkDeadline() }
        return args["ae"]
    }

    static func short(_ x: Double) -> String { String(format: "%.4g", x) }

    // MARK: Queries

    /// The points of a query: one point (a number for 1-D, or a list of d numbers) or many (a Dataset
    /// or a list of rows). `single` says which, so results come back in the same form.
    static func points(_ args: Arguments, _ name: String, model: AutoEncoder) throws -> (Dataset, single: Bool) {
        guard model.isInitialized else {
            throw NativeError("\(args.function.name)(): the \(model.kind.name) is untrained", argument: "ae",
                              hint: "train(ae, data) first")
        }
        let value = args[name]
        var single = false
        let data: Dataset
        switch value {
        case .number(let x):
            data = Dataset(rows: 1, dim: 1, values: [x]); single = true
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .number = $0 { return true }; return false }):
            let xs = try args.numbers(name)
            if model.dim == 1 { data = Dataset(rows: xs.count, dim: 1, values: xs) }
            else { data = Dataset(rows: 1, dim: xs.count, values: xs); single = true }
        default:
            data = try args.dataset(name)
        }
        guard data.dim == model.dim else {
            throw NativeError("\(args.function.name)(): \(name) is \(data.dim)-dimensional, the model is \(model.dim)-dimensional",
                              argument: name)
        }
        if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
            throw NativeError("\(args.function.name)(): \(name) has \(formatNumber(data.values[bad])); points must be finite",
                              argument: name)
        }
        return (data, single)
    }

    static func result(_ data: Dataset, single: Bool, scalar: Bool) -> Value {
        if single {
            return scalar && data.dim == 1 ? .number(data.values[0]) : .list(data.row(0).map(Value.number))
        }
        return .dataset(data)
    }

    static func pointQuery(_ name: String, extra: [Parameter] = [], doc: String,
                           _ body: @escaping (Arguments, AutoEncoder, Dataset, Int) throws -> Dataset) -> Function {
        Function(name: name, parameters: [Parameter("ae"), Parameter("x")] + extra, doc: doc, body: pointBody(body))
    }

    /// The body of a query of a model at points: the model and points checked, the result in the points' shape.
    static func pointBody(_ body: @escaping (Arguments, AutoEncoder, Dataset, Int) throws -> Dataset) -> Function.NativeBody {
        { args in
            let model = try args.object("ae", as: ModelValue.self).model
            let (data, single) = try points(args, "x", model: model)
            let out = try body(args, model, data, args.context.options.threads)
            return result(out, single: single, scalar: args["x"].isNumber)
        }
    }

    static let reconstruct = pointQuery("reconstruct", doc: """
        reconstruct(ae, x): r(x), the auto-encoder's reconstruction of a point (a list of d numbers, or a
        number in 1-D) or of every row of a dataset.

            ae = train(dae(hidden: 20, sigma: 0.1), circle(100), iters: 10)
            reconstruct(ae, [1, 0])
        """) { _, model, data, threads in model.reconstruct(data, threads: threads) }

    static let encode = pointQuery("encode", doc: """
        encode(ae, x): the hidden representation h(x) = act(b + W·x), H numbers per point.

            ae = train(dae(hidden: 5, sigma: 0.1), circle(100), iters: 10)
            encode(ae, [1, 0])      # a list of 5 numbers
        """) { args, model, data, threads in
            let limit = args.context.options.maxElements
            let (count, overflow) = data.n.multipliedReportingOverflow(by: model.hidden)
            guard !overflow, count <= limit else {
                throw NativeError("encode(): \(data.n) points × \(model.hidden) hidden units is more than the \(limit) values one dataset may hold",
                                  argument: "x")
            }
            return model.encode(data, threads: threads)
        }

    static let scoreOfModel = pointBody { args, model, data, threads in
        model.score(data, unscaled: try args.bool("unscaled"), threads: threads)
    }

    static let score = Function(
        name: "score",
        parameters: [Parameter("ae"), Parameter("x"), Parameter("unscaled", default: .bool(false))],
        doc: """
        score(ae, x, unscaled: false): the score ∇ log p at a point or at each point, for any score field:
        a trained auto-encoder's estimate (r(x) − x)/sigma² (paper eq. 5), an optimal DAE's
        (optimal_dae(p, sigma), eq. 3), a density's exact score (as true_score). With unscaled: true,
        r(x) − x (§3.5), which needs no sigma (auto-encoders and optimal DAEs only).

            ae = train(dae(hidden: 20, sigma: 0.1), circle(100), iters: 10)
            score(ae, [1.5, 0])               # points back towards the circle
            score(ae, [1.5, 0], unscaled: true)
            score(optimal_dae(normal(sd: 1), 0.5), 1)    # -0.8 = -x/(1 + 0.5²)
            score(normal(sd: 2), 1)                      # -0.25
        """
    ) { args in
        if let (value, field) = try FieldQueries.otherField(args, "ae") {
            return try FieldQueries.score(args, value: value, field: field)
        }
        return try scoreOfModel(args)
    }

    static func matrixQuery(_ name: String, doc: String, _ body: @escaping (AutoEncoder, [Double]) -> [Double]) -> Function {
        Function(name: name, parameters: [Parameter("ae"), Parameter("x")], doc: doc, body: matrixBody(name, body))
    }

    /// The body of a d × d matrix query of a model at one point.
    static func matrixBody(_ name: String, _ body: @escaping (AutoEncoder, [Double]) -> [Double]) -> Function.NativeBody {
        { args in
            let model = try args.object("ae", as: ModelValue.self).model
            let (data, single) = try points(args, "x", model: model)
            guard single || data.n == 1 else {
                throw NativeError("\(name)(): x must be one point (a list of \(model.dim) numbers)", argument: "x")
            }
            let m = body(model, data.row(0)), d = model.dim
            return .list((0..<d).map { i in .list((0..<d).map { .number(m[i * d + $0]) }) })
        }
    }

    static let jacobian = matrixQuery("jacobian", doc: """
        jacobian(ae, x): ∂r/∂x at one point, as d rows of d numbers (row i: ∂r_i/∂x_j).

            ae = train(dae(hidden: 20, sigma: 0.1), circle(100), iters: 10)
            jacobian(ae, [1, 0])
        """) { model, x in model.jacobian(at: x) }

    static let hessianOfModel = matrixBody("hessian") { model, x in model.hessian(at: x) }

    static let hessian = Function(
        name: "hessian",
        parameters: [Parameter("ae"), Parameter("x")],
        doc: """
        hessian(ae, x): the Hessian of log p, for any score field: a trained auto-encoder's estimate
        (∂r/∂x − I)/sigma² at one point (§3.8): near 0 along the data's manifold, strongly negative across
        it; the same for an optimal DAE, and a density's exact Hessian (as true_hessian). An optimal DAE
        or a density also takes several points (a list of matrices back); a 1-D point given as a number
        gives a number.

            ae = train(dae(hidden: 20, sigma: 0.1), circle(100), iters: 10)
            hessian(ae, [1, 0])
            hessian(normal(mean: [0, 0], sd: [1, 2]), [0, 0])   # [[-1, 0], [0, -0.25]]
        """
    ) { args in
        if let (value, field) = try FieldQueries.otherField(args, "ae") {
            return try FieldQueries.hessian(args, value: value, field: field)
        }
        return try hessianOfModel(args)
    }

    static let energyDiff = Function(
        name: "energy_diff",
        parameters: [Parameter("ae"), Parameter("x"), Parameter("y"), Parameter("steps", default: .number(20))],
        doc: """
        energy_diff(ae, x, y, steps: 20): E(y) − E(x) of the learned energy (log p = −E + const), by the
        path integral of eq. (13) along the segment from x to y: −(1/steps)·Σ score(p_m)·(y − x) at the
        midpoints p_m = x + (m + 1/2)/steps·(y − x), m = 0 … steps − 1.

            ae = train(dae(hidden: 20, sigma: 0.1), circle(100), iters: 10)
            energy_diff(ae, [1, 0], [2, 0])   # > 0: (2, 0) is less likely than a point on the circle
        """
    ) { args in
        let model = try args.object("ae", as: ModelValue.self).model
        let (x, singleX) = try points(args, "x", model: model)
        let (y, singleY) = try points(args, "y", model: model)
        guard x.n == 1 || singleX, y.n == 1 || singleY else {
            throw NativeError("energy_diff(): x and y must be single points", argument: x.n == 1 ? "y" : "x")
        }
        let steps = try args.int("steps", in: 1...1_000_000)
        return .number(model.energyDiff(from: x.row(0), to: y.row(0), steps: steps, threads: args.context.options.threads))
    }

    // MARK: Files

    static let load = Function(
        name: "load",
        parameters: [Parameter("path")],
        doc: """
        load(path): read an auto-encoder saved with save(ae, path): the native format, or NumPy's .npz
        (arrays W (H × d), b, V (d × H; absent when tied), c, and 0-d kind, sigma or lambda, activation),
        or safetensors (.safetensors: encoder.weight, encoder.bias, decoder.weight, decoder.bias, settings in
        __metadata__, as PyTorch writes a two-Linear module); or a Chain saved with save(chain, "c.npz").

            ae = train(dae(hidden: 10, sigma: 0.1), circle(50), iters: 5)
            save(ae, "circle.aemodel")
            back = load("circle.aemodel")
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        do {
            if path.lowercased().hasSuffix(".npz"), let chain = try ChainFile.load(path) {
                return .object(ChainValue(chain))
            }
            return .object(ModelValue(try ModelFile.load(path)))
        }
        catch let error as FileError { throw NativeError("load(): \(error.message)", argument: "path") }
        catch let error as ModelError { throw NativeError("load(): \(error.message)", argument: "path") }
    }
}

extension Value {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
