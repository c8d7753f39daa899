import XCTest
import Foundation
import AENumerics

/// A small random dataset and a model with random parameters (biases included), so every term of the
/// gradient is exercised. H = 13 is not a multiple of 8: the padded SIMD lanes are exercised too.
func randomModel(_ kind: AutoEncoder.Kind, dim d: Int = 3, hidden h: Int = 13, tied: Bool? = nil,
                 activation: AutoEncoder.Activation? = nil, decoder: AutoEncoder.Decoder = .linear,
                 replicate: Int = 1, seed: UInt64 = 5) throws -> AutoEncoder {
    let ae = try AutoEncoder(kind, hidden: h, tied: tied, activation: activation, decoder: decoder,
                             replicate: replicate, seed: seed)
    var rng = Xoshiro256(seed: seed &+ 100)
    func draws(_ n: Int, _ s: Double) -> [Double] { (0..<n).map { _ in s * rng.normal() } }
    try ae.setParameters(dim: d, W: draws(h * d, 0.8), b: draws(h, 0.5),
                         V: ae.tied ? nil : draws(d * h, 0.8), c: draws(d, 0.3))
    return ae
}

func randomData(n: Int, dim d: Int, seed: UInt64 = 9, scale: Double = 1) -> Dataset {
    var rng = Xoshiro256(seed: seed)
    return Dataset(rows: n, dim: d, values: (0 ..< n * d).map { _ in scale * rng.normal() })
}

final class GradientTests: XCTestCase {
    /// Central finite differences of the same loss, step 1e-5 (truncation ~1e-10, rounding ~1e-11).
    func checkGradient(_ ae: AutoEncoder, data: Dataset, evaluation: LossEvaluation = .automatic,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let objective = try TrainingObjective(model: ae, data: data)
        objective.lossEvaluation = evaluation
        let theta = ae.parameters
        let (_, gradient) = objective.evaluate(theta, threads: 1)
        var numeric = [Double](repeating: 0, count: theta.count)
        let step = 1e-5
        for k in theta.indices {
            var plus = theta, minus = theta
            plus[k] += step
            minus[k] -= step
            numeric[k] = (objective.loss(plus, threads: 1) - objective.loss(minus, threads: 1)) / (2 * step)
        }
        let norm = gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
        let error = zip(gradient, numeric).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        XCTAssertGreaterThan(norm, 1e-3, "degenerate test: gradient too small", file: file, line: line)
        XCTAssertLessThan(error / norm, 1e-6, "relative gradient error \(error / norm)", file: file, line: line)
        let worst = zip(gradient, numeric).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst / norm, 1e-6, "worst component error \(worst)", file: file, line: line)
    }

    /// The blocked products of wide data (WideLossTests), 401 rows: two blocks of rows, five forward
    /// units, the last of 17 rows.
    func testBlockedProducts() throws {
        let data = randomData(n: 401, dim: 20, scale: 0.5)
        for (kind, tied, activation, decoder) in wideLossCases {
            let ae = try randomModel(kind, dim: 20, hidden: 13, tied: tied, activation: activation, decoder: decoder)
            try checkGradient(ae, data: data, evaluation: .blocked)
        }
    }

    func testDAETanhUntied() throws {
        try checkGradient(randomModel(.dae(sigma: 0.3)), data: randomData(n: 11, dim: 3))
    }

    func testDAETanhTied() throws {
        try checkGradient(randomModel(.dae(sigma: 0.3), tied: true), data: randomData(n: 11, dim: 3))
    }

    func testDAESigmoidWithSigmoidDecoderReplicated() throws {
        try checkGradient(randomModel(.dae(sigma: 0.2), dim: 2, activation: .sigmoid, decoder: .sigmoid, replicate: 3),
                          data: randomData(n: 7, dim: 2, scale: 0.3))
    }

    func testDAESigmoidTiedOneDimensional() throws {
        try checkGradient(randomModel(.dae(sigma: 0.5), dim: 1, tied: true, activation: .sigmoid),
                          data: randomData(n: 9, dim: 1))
    }

    func testDAETanhOneDimensional() throws {
        try checkGradient(randomModel(.dae(sigma: 0.3), dim: 1, hidden: 11), data: randomData(n: 9, dim: 1))
    }

    func testDAETanhTwoDimensionalTiedSigmoidDecoder() throws {
        try checkGradient(randomModel(.dae(sigma: 0.3), dim: 2, hidden: 16, tied: true, decoder: .sigmoid),
                          data: randomData(n: 9, dim: 2, scale: 0.3))
    }

    func testDAEFiveDimensions() throws {
        try checkGradient(randomModel(.dae(sigma: 0.2), dim: 5, hidden: 7), data: randomData(n: 6, dim: 5))
    }

    func testDAETenDimensions() throws {
        try checkGradient(randomModel(.dae(sigma: 0.1), dim: 10, hidden: 9), data: randomData(n: 6, dim: 10))
    }

    func testCAETiedSigmoidDefault() throws {
        let ae = try randomModel(.cae(lambda: 0.7))
        XCTAssertTrue(ae.tied)
        XCTAssertEqual(ae.activation, .sigmoid)
        try checkGradient(ae, data: randomData(n: 11, dim: 3))
    }

    func testCAEUntiedTanhSigmoidDecoder() throws {
        try checkGradient(randomModel(.cae(lambda: 0.4), dim: 2, tied: false, activation: .tanh, decoder: .sigmoid),
                          data: randomData(n: 8, dim: 2, scale: 0.4))
    }

    func testRCAETanhUntied() throws {
        try checkGradient(randomModel(.rcae(sigma: 0.6)), data: randomData(n: 11, dim: 3))
    }

    func testRCAESigmoidTied() throws {
        try checkGradient(randomModel(.rcae(sigma: 0.8), dim: 2, tied: true, activation: .sigmoid), data: randomData(n: 11, dim: 2))
    }

    func testRCAEOneDimensionalTanhTied() throws {
        try checkGradient(randomModel(.rcae(sigma: 0.5), dim: 1, hidden: 17, tied: true), data: randomData(n: 10, dim: 1))
    }

    /// The RCAE penalty is σ²·||J||²_F with J the model's own Jacobian (eq. 6): check the loss value.
    func testRCAELossMatchesJacobianQuery() throws {
        let ae = try randomModel(.rcae(sigma: 0.6))
        let data = randomData(n: 5, dim: 3)
        let loss = try TrainingObjective(model: ae, data: data).loss(ae.parameters, threads: 1)
        let r = ae.reconstruct(data, threads: 1)
        var expected = 0.0
        for row in 0..<data.n {
            for i in 0..<3 { expected += pow(r[row, i] - data[row, i], 2) }
            expected += 0.36 * ae.jacobian(at: data.row(row)).map { $0 * $0 }.reduce(0, +)
        }
        XCTAssertEqual(loss, expected / 5, accuracy: 1e-12 * expected)
    }

    /// The Jacobian query against finite differences of reconstruct: d = 3 with d² accumulators, d = 20
    /// (from LossEvaluation.wideDimension on) as a blocked product.
    func testJacobianMatchesFiniteDifferences() throws {
        for d in [3, 20] {
            for ae in [try randomModel(.dae(sigma: 0.1), dim: d), try randomModel(.cae(lambda: 0.1), dim: d, decoder: .sigmoid)] {
                let x = (0..<d).map { 0.3 * sin(Double($0 + 1)) }
                let j = ae.jacobian(at: x)
                for k in 0..<d {
                    var plus = x, minus = x
                    plus[k] += 1e-6
                    minus[k] -= 1e-6
                    let rp = ae.reconstruct(Dataset(rows: [plus]), threads: 1).row(0)
                    let rm = ae.reconstruct(Dataset(rows: [minus]), threads: 1).row(0)
                    for i in 0..<d { XCTAssertEqual(j[i * d + k], (rp[i] - rm[i]) / 2e-6, accuracy: 1e-7, "d \(d)") }
                }
            }
        }
    }

    /// encode and reconstruct against the model written out with libm from its parameter vector
    /// (W as d × H, b, V as d × H or Wᵀ when tied, c): 13 hidden units, so the last chunk is padded.
    func testEncodeAndReconstructMatchTheParameters() throws {
        let cases: [(AutoEncoder, (Double) -> Double)] = [
            (try randomModel(.dae(sigma: 0.1)), { Foundation.tanh($0) }),
            (try randomModel(.cae(lambda: 0.1), tied: true, activation: .sigmoid), { 1 / (1 + Foundation.exp(-$0)) }),
        ]
        let data = randomData(n: 7, dim: 3)
        for (ae, act) in cases {
            let theta = ae.parameters, d = 3, h = 13
            let hs = ae.encode(data, threads: 1), rs = ae.reconstruct(data, threads: 1)
            XCTAssertEqual(hs.dim, h)
            for row in 0..<data.n {
                var r = Array(theta[theta.count - d ..< theta.count])
                for j in 0..<h {
                    var a = theta[d * h + j]
                    for i in 0..<d { a += theta[i * h + j] * data[row, i] }
                    XCTAssertEqual(hs[row, j], act(a), accuracy: 1e-14)
                    for i in 0..<d { r[i] += theta[(ae.tied ? 0 : d * h + h) + i * h + j] * act(a) }
                }
                for i in 0..<d { XCTAssertEqual(rs[row, i], r[i], accuracy: 1e-13) }
            }
        }
    }

    /// The queries keep the parameters in the kernels' layouts until the parameters change: after new
    /// parameters (setParameters, or more training) they answer as a fresh model with those parameters.
    func testQueriesFollowNewParameters() throws {
        for d in [3, 20] {
            let ae = try randomModel(.dae(sigma: 0.3), dim: d)
            let data = randomData(n: 6, dim: d), x = data.row(0), path = PathQuadrature(rule: .even, points: 5)
            func answers(_ m: AutoEncoder) -> [[Double]] {
                [m.reconstruct(data, threads: 1).values, m.encode(data, threads: 1).values, m.jacobian(at: x),
                 m.lineIntegrals(from: data, to: data.rows(Array((0..<6).reversed())), path: path, threads: 1)!]
            }
            let before = answers(ae)
            let other = try randomModel(.dae(sigma: 0.3), dim: d, seed: 77)
            try ae.setParameters(dim: d, W: other.W, b: other.b, V: other.V, c: other.c)
            XCTAssertEqual(answers(ae), answers(other), "d \(d): after setParameters")
            XCTAssertNotEqual(answers(ae), before)
            _ = try train(ae, data: data, options: TrainingOptions(iterations: 3))
            let fresh = try randomModel(.dae(sigma: 0.3), dim: d)
            try fresh.setParameters(dim: d, W: ae.W, b: ae.b, V: ae.V, c: ae.c)
            XCTAssertEqual(answers(ae), answers(fresh), "d \(d): after training")
        }
    }

    func testVectorisedTanhAndSigmoidMatchLibm() {
        var worstTanh = 0.0, worstSigmoid = 0.0
        var a = -30.0
        while a <= 30 {
            let lanes = Lanes((0..<8).map { a + Double($0) * 1e-3 })
            let t = VectorMath.tanh(lanes), s = VectorMath.sigmoid(lanes), e = VectorMath.exp(lanes)
            for k in 0..<8 {
                worstTanh = max(worstTanh, abs(t[k] - Foundation.tanh(lanes[k])))
                worstSigmoid = max(worstSigmoid, abs(s[k] - 1 / (1 + Foundation.exp(-lanes[k]))))
                XCTAssertEqual(e[k], Foundation.exp(lanes[k]), accuracy: 4e-16 * Foundation.exp(lanes[k]))
            }
            a += 0.0137
        }
        XCTAssertLessThan(worstTanh, 5e-16)
        XCTAssertLessThan(worstSigmoid, 5e-16)
        XCTAssertEqual(VectorMath.tanh(Lanes(repeating: 50))[0], 1)
        XCTAssertEqual(VectorMath.tanh(Lanes(repeating: 0))[0], 0)
    }
}
