import AENumerics
import Foundation

/// `ae-bench sampling [--chains 100] [--steps 5000] [--points 10] [--hidden 1000] [--threads 0]
/// [--no-numpy]`: approximate MH (`mh(0.1, steps: 10)`) on a 10-D DAE (H = 1000, Glorot weights — the
/// cost of a step does not depend on the weights), 100 chains in lock-step, next to the vectorised
/// NumPy implementation of the same sampler with the same path points (bench/mh_reference.py) run in
/// the same invocation. Three ae variants:
///   batched  every path point of every chain through one batched `score` call (any ScoreField);
///   line     the auto-encoder's line integrals (affine pre-activations along each segment), the
///            default for models — NumPy is run with the same trick (`--line`) for a fair ratio;
///   gauss-3  line integrals with 3 Gauss–Legendre nodes, as accurate as 20 even points.
func runSamplingBenchmark(arguments: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: "--\(name)"), i + 1 < arguments.count, let v = Int(arguments[i + 1])
        else { return fallback }
        return v
    }
    let chains = option("chains", 100), steps = option("steps", 5000), points = option("points", 10)
    let hidden = option("hidden", 1000), threads = option("threads", 0)
    let d = 10

    let model = try! AutoEncoder(.dae(sigma: 0.1), hidden: hidden)
    var rng = Xoshiro256(seed: 1)
    let bound = (6.0 / Double(d + hidden)).squareRoot()
    try! model.setParameters(dim: d, W: (0..<hidden * d).map { _ in rng.uniform(-bound, bound) },
                             b: [Double](repeating: 0, count: hidden),
                             V: (0..<hidden * d).map { _ in rng.uniform(-bound, bound) },
                             c: [Double](repeating: 0, count: d))
    let start = DataGenerators.manifold10(1000, rng: &rng)

    /// CPU seconds of the whole process: unlike wall time, not inflated when other programs compete for
    /// the cores (proposals per CPU-second are printed next to the wall-clock rate).
    func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    func run(_ field: ScoreField, _ sampler: Sampler, _ label: String) -> Double {
        let cpu = cpuSeconds()
        let chain = try! runChains(field: field, sampler: sampler, draws: steps, chains: chains, burn: 0,
                                   start: .data(start), seed: 7, threads: threads)
        let cpuUsed = cpuSeconds() - cpu
        let rate = Double(chains * steps) / chain.seconds
        let acceptance = chain.acceptance.reduce(0, +) / Double(chains)
        print("ae \(label): proposals_per_second \(String(format: "%.1f", rate)) acceptance "
              + "\(String(format: "%.4f", acceptance)) seconds \(String(format: "%.3f", chain.seconds)) "
              + "proposals_per_cpu_second \(String(format: "%.1f", Double(chains * steps) / cpuUsed))")
        return rate
    }

    print("sampling benchmark: 10-D DAE, H = \(hidden), \(chains) chains × \(steps) steps, σ_MH = 0.1, "
          + "\(points) midpoints, threads \(threads == 0 ? "all" : String(threads))")
    let batched = run(BatchedOnly(model), .mh(sigma: 0.1, steps: points), "batched")
    let line = run(model, .mh(sigma: 0.1, steps: points), "line")
    let gauss = run(model, .mh(sigma: 0.1, steps: 3, rule: .gauss), "gauss-3")

    guard !arguments.contains("--no-numpy") else { return }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bench/mh_reference.py").path
    func numpy(_ extra: [String]) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--chains", "\(chains)", "--steps", "\(steps)", "--points",
                             "\(points)", "--hidden", "\(hidden)"] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            print("numpy: could not run \(script): \(error)")
            return nil
        }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(text, terminator: "")
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let i = fields.firstIndex(of: "proposals_per_second"), i + 1 < fields.count else { return nil }
        return Double(fields[i + 1])
    }
    guard let plain = numpy([]), let numpyLine = numpy(["--line"]) else { print("numpy: no result"); return }
    func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / b) }
    print("ratio batched / numpy: \(ratio(batched, plain))   line / numpy-line: \(ratio(line, numpyLine))   "
          + "line / numpy: \(ratio(line, plain))   gauss-3 / numpy: \(ratio(gauss, plain))")
}

/// The model seen only as a ScoreField, so the sampler evaluates every path point through `score`.
private final class BatchedOnly: ScoreField {
    let model: AutoEncoder
    init(_ model: AutoEncoder) { self.model = model }
    var dim: Int { model.dim }
    func score(_ points: Dataset, threads: Int) -> Dataset { model.score(points, threads: threads) }
}
