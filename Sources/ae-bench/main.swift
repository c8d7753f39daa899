import AENumerics
import Foundation

// ae-bench: the fused loss+gradient kernel and L-BFGS against a PyTorch CPU float64 reference.
//
//   swift build -c release --product ae-bench && .build/release/ae-bench [--evals 20] [--lbfgs 1000]
//       [--threads 0] [--no-torch] [--portable]
//
// Run the binary directly for the memory figure: under `swift run` the peak resident size (maxrss)
// also counts the build tool that execs the benchmark. With other programs on the machine, wall
// times inflate (ae and torch alike); the CPU-time lines are the steadier measure of ae's kernel.
//
// Cases: (a) the spiral, N=10000, H=1000, d=2, σ=0.01; (b) 10-D, N=10000, H=1000, d=10, σ=0.1.
//
//   .build/release/ae-bench sampling [--steps N] [--chains 100] [--points 10] ...
// runs the Metropolis-Hastings benchmark instead (SamplingBenchmark.swift), next to NumPy.
//
//   .build/release/ae-bench wide [--dim 784] [--rows 2000] ...
// times one wide DAE (WideBenchmark.swift); bench/wide.sh runs it next to NumPy.

if CommandLine.arguments.dropFirst().first == "sampling" {
    runSamplingBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "wide" {
    runWideBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

var evals = 20, lbfgsIterations = 1000, threads = 0, runTorch = true
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--evals": evals = Int(arguments.next() ?? "") ?? evals
    case "--lbfgs": lbfgsIterations = Int(arguments.next() ?? "") ?? lbfgsIterations
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    case "--no-torch": runTorch = false
    case "--portable": KernelInstructionSet.current = .portable
    default:
        print("usage: ae-bench [--evals N] [--lbfgs N] [--threads N] [--no-torch] [--portable]\n       ae-bench sampling [options]")
        exit(64)
    }
}

func now() -> Double { Date().timeIntervalSince1970 }

/// CPU seconds used by the whole process (all threads): unlike wall time, not inflated when other
/// programs compete for the cores.
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
var cpuNotes: [String] = []

func spiral(_ n: Int, seed: UInt64) -> Dataset {
    var rng = Xoshiro256(seed: seed)
    var d = Dataset(rows: n, dim: 2)
    for i in 0..<n {
        let t = rng.uniform(3, 12)
        d[i, 0] = 0.04 * t * sin(t)
        d[i, 1] = 0.04 * t * cos(t)
    }
    return d
}

func tenD(_ n: Int, seed: UInt64) -> Dataset {
    // A smooth 1-d curve in 10-D with a little noise, values in [-1, 1].
    var rng = Xoshiro256(seed: seed)
    var d = Dataset(rows: n, dim: 10)
    for i in 0..<n {
        let t = rng.uniform()
        for j in 0..<10 { d[i, j] = sin(2 * Double.pi * Double(j + 1) * 0.3 * t) + 0.05 * rng.normal() }
    }
    return d
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func medianEvalMs(_ data: Dataset, sigma: Double) throws -> Double {
    let ae = try AutoEncoder(.dae(sigma: sigma), hidden: 1000, seed: 1)
    let objective = try TrainingObjective(model: ae, data: data)
    var gradient = [Double](repeating: 0, count: ae.parameters.count)
    _ = objective.evaluate(ae.parameters, gradient: &gradient, threads: threads)
    var times = [Double](), cpu = [Double]()
    for _ in 0..<evals {
        let t0 = now(), c0 = cpuNow()
        _ = objective.evaluate(ae.parameters, gradient: &gradient, threads: threads)
        times.append((now() - t0) * 1000)
        cpu.append((cpuNow() - c0) * 1000)
    }
    cpuNotes.append(String(format: "d=%d: CPU time %.1f ms/eval (median, all threads)", data.dim, cpu.sorted()[cpu.count / 2]))
    return times.sorted()[times.count / 2]
}

let memoryBefore = peakMemoryMB()
let a = spiral(10000, seed: 1), b = tenD(10000, seed: 2)
let msA = try medianEvalMs(a, sigma: 0.01)
let msB = try medianEvalMs(b, sigma: 0.1)
var lbfgsSeconds = Double.nan, finalLoss = Double.nan
if lbfgsIterations > 0 {
    let ae = try AutoEncoder(.dae(sigma: 0.01), hidden: 1000, seed: 1)
    let t0 = now()
    let result = try train(ae, data: a, options: TrainingOptions(iterations: lbfgsIterations, method: .lbfgs,
                                                                tolerance: 0, threads: threads))
    lbfgsSeconds = now() - t0
    finalLoss = result.loss
    print(String(format: "L-BFGS: %d iterations, %d evaluations, final loss %.6g (%@)", result.iterations,
                 result.evaluations, finalLoss, "\(result.reason)"))
}
let memory = peakMemoryMB()

// PyTorch reference, run as a subprocess in the same invocation.
var torch: [String: Double] = [:]
var torchNote = "not run (--no-torch)"
var torchVersion = "?"
if runTorch {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../bench/torch_reference.py").standardized.path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--evals", String(evals), "--lbfgs", String(min(lbfgsIterations, 100))]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Double(parts[1]) { torch[String(parts[0])] = v }
            if parts.count == 2, parts[0] == "version" { torchVersion = String(parts[1]) }
        }
        if process.terminationStatus != 0 || torch.isEmpty {
            torchNote = output.contains("No module named 'torch'")
                ? "torch is not installed (pip install torch)"
                : "the reference failed: " + output.suffix(300)
        } else {
            torchNote = "PyTorch \(torchVersion) CPU float64, \(Int(torch["threads"] ?? 0)) threads"
        }
    } catch {
        torchNote = "python3 not found"
    }
}

func row(_ name: String, _ ours: Double, _ theirs: Double?, unit: String) {
    let reference = theirs.map { String(format: "%10.1f", $0) } ?? "         -"
    let ratio = theirs.map { String(format: "%7.1fx", $0 / ours) } ?? "       -"
    print(String(format: "%-38@ %10.1f %@ %@  %@", name as NSString, ours, reference, ratio, unit))
}
for note in cpuNotes { print(note) }
print("threads: \(threads == 0 ? ProcessInfoCores.count : threads); kernels: \(KernelInstructionSet.current); torch: \(torchNote)")
print("case                                           ae      torch  speed-up")
row("(a) spiral N=1e4 H=1000 d=2 eval", msA, torch["a_ms"], unit: "ms/eval (median)")
row("(b) 10-D N=1e4 H=1000 d=10 eval", msB, torch["b_ms"], unit: "ms/eval (median)")
if lbfgsIterations > 0 {
    let torchTotal = torch["lbfgs_s"].map { $0 * Double(lbfgsIterations) / max(torch["lbfgs_iters"] ?? 100, 1) }
    row("(a) \(lbfgsIterations) L-BFGS iterations", lbfgsSeconds, torchTotal,
        unit: "s" + (torchTotal != nil ? " (torch: scaled from \(Int(torch["lbfgs_iters"] ?? 0)) its)" : ""))
}
row("peak memory (maxrss)", memory, torch["maxrss_mb"], unit: "MB (ratio: torch/ae; ae before data \(Int(memoryBefore)) MB)")
