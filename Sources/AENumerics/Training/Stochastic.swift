#if canImport(Glibc)
import Glibc
#endif

/// Adam and SGD on shuffled minibatches. One iteration is one epoch; its recorded loss is the mean of
/// the epoch's minibatch losses. The best parameters (lowest epoch loss) are kept when training stops.
/// Minibatch order: a Fisher–Yates shuffle from `Xoshiro256(seed: model.seed, stream: 1000 + epoch)`;
/// with `resample`, a DAE redraws its corruption every epoch (stream 1 + epoch).
final class StochasticTrainer {
    let objective: TrainingObjective
    let options: TrainingOptions

    init(objective: TrainingObjective, options: TrainingOptions) {
        self.objective = objective
        self.options = options
    }

    func run(progress: (Int, Double, Double) -> Bool) throws -> TrainingResult {
        let model = objective.model
        let adam = options.method == .adam
        let lr = options.learningRate ?? (adam ? 1e-3 : 0.01)
        let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        var x = model.parameters
        var best = x, bestLoss = Double.infinity, bestNorm = Double.nan
        var m = [Double](repeating: 0, count: x.count), v = m
        var g = m
        var steps = 0, evaluations = 0, done = 0
        let n = objective.rows
        let batch = min(options.batch, n)
        var order = Array(0..<n)
        var reason = StopReason.iterations
        let startEpoch = model.iterations
        while done < options.iterations {
            let epoch = startEpoch + done
            if model.resample && epoch > 0 { objective.corrupt(epoch: epoch) }
            var rng = Xoshiro256(seed: model.seed, stream: 1000 + UInt64(epoch))
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.index(i + 1)) }
            var total = 0.0, normSum = 0.0, batches = 0
            var start = 0
            while start < n {
                let slice = order[start ..< min(n, start + batch)]
                start += batch
                let loss = objective.evaluate(x, gradient: &g, batch: slice, threads: options.threads)
                evaluations += 1
                if objective.wasStopped { break }
                guard loss.isFinite, g.allSatisfy({ $0.isFinite }) else {
                    model.parameters = bestLoss.isFinite ? best : x
                    throw TrainingError(message: "train(): the loss became non-finite at iteration \(model.iterations + 1) (try a smaller lr); the last finite parameters are kept")
                }
                total += loss
                normSum += dot(g, g).squareRoot()
                batches += 1
                steps += 1
                if adam {
                    let c1 = 1 - pow(beta1, Double(steps)), c2 = 1 - pow(beta2, Double(steps))
                    for k in x.indices {
                        m[k] = beta1 * m[k] + (1 - beta1) * g[k]
                        v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k]
                        x[k] -= lr * (m[k] / c1) / ((v[k] / c2).squareRoot() + epsilon)
                    }
                } else {
                    for k in x.indices { x[k] -= lr * g[k] }
                }
            }
            if objective.wasStopped {
                // Mid-epoch: the epoch's partial updates are dropped; the best parameters are kept below.
                reason = .interrupted
                break
            }
            let loss = total / Double(batches), norm = normSum / Double(batches)
            done += 1
            model.losses.append(loss)
            model.parameters = x
            if loss < bestLoss { bestLoss = loss; best = x; bestNorm = norm }
            if !progress(done, loss, norm) { reason = .interrupted; break }
        }
        if bestLoss.isFinite { model.parameters = best }
        return TrainingResult(iterations: done, evaluations: evaluations, loss: bestLoss, gradientNorm: bestNorm, reason: reason)
    }
}
