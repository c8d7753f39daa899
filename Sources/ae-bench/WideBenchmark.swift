import AENumerics
import Foundation

/// `ae-bench wide [--dim 784] [--rows 2000] [--hidden 1000] [--evals 5] [--lbfgs 100] [--threads 0]
/// [--evaluation automatic|fused|blocked] [--portable]`: one DAE (σ = 0.1, tanh, untied) on random
/// data in [0, 1]^d, timing one loss + gradient evaluation (the median of `evals`) and `lbfgs`
/// L-BFGS iterations. Prints `key value` lines for bench/wide.sh, which runs it next to NumPy
/// (bench/wide_reference.py) for each d.
func runWideBenchmark(arguments: [String]) {
    func option(_ name: String) -> String? {
        guard let i = arguments.firstIndex(of: "--\(name)"), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    let d = Int(option("dim") ?? "") ?? 784, n = Int(option("rows") ?? "") ?? 2000
    let hidden = Int(option("hidden") ?? "") ?? 1000, evals = Int(option("evals") ?? "") ?? 5
    let iterations = Int(option("lbfgs") ?? "") ?? 100, threads = Int(option("threads") ?? "") ?? 0
    let evaluation: LossEvaluation = switch option("evaluation") {
    case "fused": .fused
    case "blocked": .blocked
    default: .automatic
    }
    if arguments.contains("--portable") { KernelInstructionSet.current = .portable }

    var rng = Xoshiro256(seed: 1)
    var data = Dataset(rows: n, dim: d)
    for i in 0..<n {
        for j in 0..<d { data[i, j] = rng.uniform() }
    }
    let model = try! AutoEncoder(.dae(sigma: 0.1), hidden: hidden, seed: 1)
    let objective = try! TrainingObjective(model: model, data: data)
    objective.lossEvaluation = evaluation
    var gradient = [Double](repeating: 0, count: model.parameters.count)
    var loss = objective.evaluate(model.parameters, gradient: &gradient, threads: threads)
    var times: [Double] = [], cpu: [Double] = []
    for _ in 0..<evals {
        let t0 = Date(), c0 = cpuNow()
        loss = objective.evaluate(model.parameters, gradient: &gradient, threads: threads)
        times.append(Date().timeIntervalSince(t0))
        cpu.append(cpuNow() - c0)
    }
    print("eval_s", times.sorted()[times.count / 2])
    print("eval_cpu_s", cpu.sorted()[cpu.count / 2])
    print("loss", loss)
    if iterations > 0 {
        let t0 = Date()
        let result = try! train(model, data: data, options: TrainingOptions(iterations: iterations, method: .lbfgs,
                                                                          tolerance: 0, threads: threads))
        print("lbfgs_s", Date().timeIntervalSince(t0))
        print("lbfgs_iterations", result.iterations)
        print("lbfgs_evaluations", result.evaluations)
        print("lbfgs_loss", result.loss)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("maxrss_mb", Double(usage.ru_maxrss) / 1024)
}
