import AELang
import AENumerics

/// Judging samples: two-sample distances, distance to and coverage of the built-in curves, attractors.
enum JudgingBuiltins {
    static var functions: [Function] { [mmd, energyDistance, manifoldDistance, curvePosition, alongCurve, coverage, attractors] }

    static func pair(_ args: Arguments) throws -> (Dataset, Dataset) {
        let a = try args.samples("a"), b = try args.samples("b")
        guard a.dim == b.dim else {
            throw NativeError("\(args.function.name)(): a is \(a.dim)-dimensional but b is \(b.dim)-dimensional",
                              argument: "b")
        }
        guard a.n >= 2 else { throw NativeError("\(args.function.name)(): a needs at least 2 points", argument: "a") }
        guard b.n >= 2 else { throw NativeError("\(args.function.name)(): b needs at least 2 points", argument: "b") }
        guard a.isFinite else { throw NativeError("\(args.function.name)(): a contains NaN or infinity", argument: "a") }
        guard b.isFinite else { throw NativeError("\(args.function.name)(): b contains NaN or infinity", argument: "b") }
        return (a, b)
    }

    static let mmd = Function(
        name: "mmd",
        parameters: [Parameter("a"), Parameter("b"), Parameter("bandwidth", default: .nil)],
        doc: """
        mmd(a, b, bandwidth: nil): the squared maximum mean discrepancy between two samples (Datasets or
        Chains), unbiased estimator, Gaussian kernel exp(-|x - y|²/(2h²)); h by the median heuristic
        (median pairwise distance) unless given. A list of bandwidths gives the multi-scale kernel, the
        sum of one Gaussian kernel per h. About 0 (possibly slightly negative) for samples of one
        distribution. Cost O((n + m)²): subsample very large sets.

        The median h is about the data's spread and barely sees a blur much smaller than that: in 10-D,
        manifold10 data blurred by N(0, 0.1²I) is within a few 1e-4 of clean data at the median h. A
        bandwidth near the blur's size sees it, e.g. bandwidth: [0.1, 0.2, 0.5, 1].

            mmd(c.samples, manifold10(2000))
            mmd(c.samples, manifold10(2000), bandwidth: [0.1, 0.2, 0.5, 1])
        """
    ) { args in
        let (a, b) = try pair(args)
        let threads = args.context.options.threads
        if case .list = args["bandwidth"] {
            let hs = try args.numbers("bandwidth")
            guard !hs.isEmpty, hs.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw NativeError("mmd(): every bandwidth must be a finite number > 0", argument: "bandwidth")
            }
            return .number(SampleDistance.mmd(a, b, bandwidths: hs, threads: threads))
        }
        let h: Double? = args.isNil("bandwidth") ? nil : try args.positive("bandwidth")
        return .number(SampleDistance.mmd(a, b, bandwidth: h, threads: threads))
    }

    static let energyDistance = Function(
        name: "energy_distance",
        parameters: [Parameter("a"), Parameter("b")],
        doc: """
        energy_distance(a, b): 2·E|A - B| - E|A - A'| - E|B - B'| between two samples (Datasets or
        Chains), with unbiased within-sample means; 0 in expectation iff the distributions agree.

            energy_distance(spiral(500), spiral(500, noise: 0.1))
        """
    ) { args in
        let (a, b) = try pair(args)
        return .number(SampleDistance.energyDistance(a, b, threads: args.context.options.threads))
    }

    static func curve(_ args: Arguments, for samples: Dataset) throws -> any DataCurve {
        let name = try args.choice("curve", ["spiral", "manifold10"])
        let curve = CurveJudging.curve(named: name)!
        guard samples.dim == curve.dimension else {
            throw NativeError("\(args.function.name)(): the \(name) curve is \(curve.dimension)-D but the samples are \(samples.dim)-D",
                              argument: "samples")
        }
        return curve
    }

    static let manifoldDistance = Function(
        name: "manifold_distance",
        parameters: [Parameter("samples"), Parameter("curve")],
        doc: """
        manifold_distance(samples, curve): the distance of each sample (a Dataset or a Chain) to the
        built-in curve "spiral" or "manifold10", as a list.

            median(manifold_distance(c, "manifold10"))
        """
    ) { args in
        let samples = try args.samples("samples")
        let curve = try curve(args, for: samples)
        return .list(CurveJudging.distances(samples, to: curve, threads: args.context.options.threads).map(Value.number))
    }

    static let curvePosition = Function(
        name: "curve_position",
        parameters: [Parameter("samples"), Parameter("curve")],
        doc: """
        curve_position(samples, curve): where each sample (a Dataset or a Chain) lies along the built-in
        curve "spiral" or "manifold10": the arc length from the curve's start to its closest curve
        point, as a list (0 at the start, the curve's length at its end). Along a 1-d curve this is
        the coordinate in which a chain's travel and mixing show.

            histogram(curve_position(c, "manifold10"))
        """
    ) { args in
        let samples = try args.samples("samples")
        let curve = try curve(args, for: samples)
        return .list(CurveJudging.positions(samples, on: curve, threads: args.context.options.threads).map(Value.number))
    }

    static let alongCurve = Function(
        name: "along_curve",
        parameters: [Parameter("chain"), Parameter("curve")],
        doc: """
        along_curve(chain, curve): how a Chain's chains moved along the built-in curve "spiral" or
        "manifold10", from each draw's curve_position. Returns a record:
          span: per chain, the stretch of the curve it visited (max - min position), as a fraction of
                the curve's length: 0 for a chain that never moved
          rhat, ess: R̂ and bulk ESS of the position (R̂ near 1 when every chain saw the whole curve)
          length: the curve's arc length

            a = along_curve(c, "manifold10"); min(a.span); a.rhat
        """
    ) { args in
        let chain = try args.object("chain", as: ChainValue.self).chain
        let curve = try curve(args, for: chain.draws[0])
        let along = CurveTravel(chain: chain, curve: curve, threads: args.context.options.threads)
        return .record(Record(fields: [("span", .list(along.span.map { .number($0 / along.length) })),
                                       ("rhat", .number(along.rhat)), ("ess", .number(along.ess)),
                                       ("length", .number(along.length))]))
    }

    static let coverage = Function(
        name: "coverage",
        parameters: [Parameter("samples"), Parameter("curve"), Parameter("bins", default: .number(100)),
                     Parameter("radius", default: .nil)],
        doc: """
        coverage(samples, curve, bins: 100, radius: nil): the fraction of the curve's length with samples
        nearby. The curve ("spiral" or "manifold10") is cut into `bins` pieces of equal arc length; a
        piece is covered when a sample within `radius` of the curve (default: one piece's length)
        projects onto it.

            coverage(c, "manifold10")    # 1 when the chains travelled the whole curve
        """
    ) { args in
        let samples = try args.samples("samples")
        let curve = try curve(args, for: samples)
        let bins = try args.int("bins", in: 1...1_000_000)
        let radius: Double? = args.isNil("radius") ? nil : try args.positive("radius")
        return .number(CurveJudging.coverage(samples, of: curve, bins: bins, radius: radius,
                                             threads: args.context.options.threads))
    }

    static let attractors = Function(
        name: "attractors",
        parameters: [Parameter("model"), Parameter("grid"), Parameter("data", default: .nil),
                     Parameter("tolerance", default: .number(1e-6)), Parameter("iters", default: .number(1000)),
                     Parameter("far", default: .nil)],
        doc: """
        attractors(model, grid, data: nil, tolerance: 1e-6, iters: 1000, far: nil): the fixed points of
        x ← r(x) reached from every point of `grid` (paper §4.3, Figure 7). Returns a record:
          fixed: a list of {point, basin, distance, spurious}, largest basin first — basin is how many
                 grid points end there, distance the distance to the nearest point of `data` (default:
                 the model's training data), spurious whether that distance exceeds `far` (default:
                 3·σ·sqrt(d), farther than the training noise ever carried a point from the data);
          unconverged: grid points still moving after `iters` iterations; far: the threshold used;
          ends: for every grid point, the distance from its last iterate (converged or not) to the
                nearest point of `data` (inf if it ran off to infinity), so that every start is classified.

            a = attractors(ae, grid(-1, 1, -1, 1, 30), data: s)
            len(filter(a.fixed, fn(f) f.spurious))
        """
    ) { args in
        let value = try args.scoreFieldValue("model")
        let scoreField = try args.scoreField(of: value, "model")
        guard let field = scoreField as? ReconstructionField else {
            throw NativeError("attractors(): the model must be an auto-encoder (it iterates x ← r(x))", argument: "model")
        }
        let grid = try args.dataset("grid")
        guard grid.dim == field.dim else {
            throw NativeError("attractors(): grid is \(grid.dim)-dimensional but the model is \(field.dim)-dimensional",
                              argument: "grid")
        }
        let data: Dataset
        if args.isNil("data") {
            guard let known = value.trainingData else {
                throw NativeError("attractors(): the model's training data is not known (a loaded model does not keep it)",
                                  argument: "data", hint: "pass the data it was trained on as data: ...")
            }
            data = known
        } else {
            data = try args.dataset("data")
        }
        guard data.dim == field.dim else {
            throw NativeError("attractors(): data is \(data.dim)-dimensional but the model is \(field.dim)-dimensional",
                              argument: "data")
        }
        let tolerance = try args.positive("tolerance")
        let iters = try args.int("iters", in: 1...10_000_000)
        let far: Double? = args.isNil("far") ? nil : try args.positive("far")
        let report = findAttractors(field: field, starts: grid, data: data, tolerance: tolerance, maxIterations: iters,
                                    threshold: far, threads: args.context.options.threads)
        let fixed = report.attractors.map { a -> Value in
            .record(Record(fields: [("point", .list(a.point.map(Value.number))), ("basin", .number(Double(a.basin))),
                                    ("distance", .number(a.distanceToData)), ("spurious", .bool(a.spurious))]))
        }
        return .record(Record(fields: [("fixed", .list(fixed)), ("unconverged", .number(Double(report.unconverged))),
                                       ("far", .number(report.threshold)),
                                       ("ends", .list(report.finalDistances.map(Value.number)))]))
    }
}
