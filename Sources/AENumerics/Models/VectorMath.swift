/// Eight Doubles, the unit of work of the kernels: eight hidden units at a time (two AVX registers).
public typealias Lanes = SIMD8<Double>

/// Vectorised exp, tanh and the logistic sigmoid for the training kernels.
///
/// All three share one range reduction and one rational approximation (Cephes' `exp`, error below
/// 2e-16 on |r| ≤ ln 2 / 2): exp(x) = 2^k · (q + p)/(q − p) with x = k·ln 2 + r, p = r·P(r²), q = Q(r²).
/// tanh and the sigmoid are rational functions of exp, so each costs a single division:
///   tanh(a)    = (e − 1)/(e + 1),  e = exp(2a),
///   sigmoid(a) = 1/(1 + e),        e = exp(−a).
/// The results agree with libm to a few units of 1e-16 in absolute terms, which is what the
/// gradients need: their derivatives are taken analytically from the returned values
/// (tanh′ = 1 − h², sigmoid′ = s(1 − s)), so finite differences of the same loss agree to ~1e-10.
public enum VectorMath {
    // Cephes exp coefficients (Moshier): P and Q of the (q + p)/(q − p) form.
    @usableFromInline static let p0 = 1.26177193074810590878e-4
    @usableFromInline static let p1 = 3.02994407707441961300e-2
    @usableFromInline static let p2 = 9.99999999999999999910e-1
    @usableFromInline static let q0 = 3.00198505138664455042e-6
    @usableFromInline static let q1 = 2.52448340349684104192e-3
    @usableFromInline static let q2 = 2.27265548208155028766e-1
    @usableFromInline static let q3 = 2.00000000000000000009e0
    @usableFromInline static let ln2hi = 6.93145751953125e-1
    @usableFromInline static let ln2lo = 1.42860682030941723212e-6
    @usableFromInline static let log2e = 1.4426950408889634073599
    /// Adding then subtracting 1.5·2^52 rounds to the nearest integer, whose value also sits in the
    /// low bits of the sum: no float-to-int conversion needed.
    @usableFromInline static let shifter = 6755399441055744.0

    @usableFromInline static let ln2 = 0.6931471805599453

    /// exp(x) = 2^k · numerator/denominator for x in [−700, 700]; returns (k·2^52, q + p, q − p).
    ///
    /// The first value is 2^k as an addend to a double's bits: `scaled(_:by:)` multiplies by 2^k with
    /// one integer add (exact, as the multiplication is, since the numerator is near 2 and |k| ≤ 1010).
    ///
    /// r = x − k·ln 2 takes two steps (Cody–Waite: ln 2 split in two) for full relative accuracy at
    /// large k. With `shortReduction`, one step with ln 2 rounded to a double: r is then off by
    /// k·1.1e-17·2 at most, which tanh (|x| ≤ 40, k ≤ 58) damps below 1e-16 — tanh′ is tiny where k
    /// is large — and which saves a multiply-add in the kernels' hottest loop.
    @inline(__always) @usableFromInline
    static func expParts(_ x: Lanes, shortReduction: Bool = false) -> (exponent: SIMD8<Int64>, numerator: Lanes, denominator: Lanes) {
        // Fused multiply-adds throughout (one rounding each; vfmadd with AVX2/FMA).
        let t = fma(x, Lanes(repeating: log2e), shifter)
        let k = t - shifter
        let r = shortReduction
            ? x.addingProduct(k, Lanes(repeating: -ln2))
            : x.addingProduct(k, Lanes(repeating: -ln2hi)).addingProduct(k, Lanes(repeating: -ln2lo))
        let rr = r * r
        let p = r * fma(fma(rr, Lanes(repeating: p0), p1), rr, p2)
        let q = fma(fma(fma(rr, Lanes(repeating: q0), q1), rr, q2), rr, q3)
        let bits = unsafeBitCast(t, to: SIMD8<Int64>.self) &- Int64(shifter.bitPattern)
        return (bits &<< 52, q + p, q - p)
    }

    /// value · 2^k, given k·2^52 from `expParts`: an integer add to the exponent field, which keeps the
    /// multiply-add units free for the polynomial. Exact only for a normal `value` whose scaled
    /// exponent stays normal: the numerator q + p lies in [1.65, 2.36] and |k| ≤ 1010 after the
    /// callers' clamps. (A NaN input gives a NaN denominator, so the results stay NaN.)
    @inline(__always) @usableFromInline
    static func scaled(_ value: Lanes, by exponent: SIMD8<Int64>) -> Lanes {
        unsafeBitCast(unsafeBitCast(value, to: SIMD8<Int64>.self) &+ exponent, to: Lanes.self)
    }

    /// a·b + c with one rounding.
    @inline(__always) @usableFromInline
    static func fma(_ a: Lanes, _ b: Lanes, _ c: Double) -> Lanes { Lanes(repeating: c).addingProduct(a, b) }

    /// x limited to [−bound, bound] lane by lane (NaN stays NaN, so a diverging model is noticed).
    @inline(__always) @usableFromInline
    static func clamp(_ x: Lanes, _ bound: Double) -> Lanes {
        // Each replacement tests the value it replaces, so the compiler makes them vminpd and vmaxpd
        // (in the operand order that passes a NaN through) rather than compares and blends.
        var y = x
        y.replace(with: bound, where: y .> bound)
        y.replace(with: -bound, where: y .< -bound)
        return y
    }

    /// e^x, lane by lane (x clamped to [−700, 700]).
    @inline(__always)
    public static func exp(_ x: Lanes) -> Lanes {
        let (k, n, d) = expParts(clamp(x, 700))
        return scaled(n, by: k) / d
    }

    /// tanh(a), lane by lane. |a| > 20 gives ±1 exactly, as libm does.
    @inline(__always)
    public static func tanh(_ a: Lanes) -> Lanes {
        let x = clamp(a + a, 40)
        let (k, n, d) = expParts(x, shortReduction: true)
        // (e − 1)/(e + 1) with e = 2^k·n/d, multiplied through by d.
        let sn = scaled(n, by: k)
        return (sn - d) / (sn + d)
    }

    /// 1/(1 + e^−a), lane by lane.
    @inline(__always)
    public static func sigmoid(_ a: Lanes) -> Lanes {
        let x = clamp(-a, 700)
        let (k, n, d) = expParts(x)
        return d / (d + scaled(n, by: k))
    }
}

/// A hidden-layer nonlinearity, written so that the kernels are specialised for each one.
public protocol ActivationFunction {
    /// The value, lane by lane.
    static func value(_ a: Lanes) -> Lanes
    /// The derivative, from the value h = value(a).
    static func slope(_ h: Lanes) -> Lanes
    /// The derivative of the slope with respect to a, from h and g = slope(h) (for the contractive penalties).
    static func curvature(_ h: Lanes, _ g: Lanes) -> Lanes
    /// Scalar forms, for queries on one point.
    static func value(_ a: Double) -> Double
    static func slope(_ h: Double) -> Double
}

/// tanh: h = tanh(a), h′ = 1 − h², h″ = −2h(1 − h²).
public enum TanhActivation: ActivationFunction {
    @inline(__always) public static func value(_ a: Lanes) -> Lanes { VectorMath.tanh(a) }
    @inline(__always) public static func slope(_ h: Lanes) -> Lanes { 1 - h * h }
    @inline(__always) public static func curvature(_ h: Lanes, _ g: Lanes) -> Lanes { -2 * h * g }
    @inline(__always) public static func value(_ a: Double) -> Double { VectorMath.tanh(Lanes(repeating: a))[0] }
    @inline(__always) public static func slope(_ h: Double) -> Double { 1 - h * h }
}

/// The logistic sigmoid: s = 1/(1 + e^−a), s′ = s(1 − s), s″ = s′(1 − 2s).
public enum SigmoidActivation: ActivationFunction {
    @inline(__always) public static func value(_ a: Lanes) -> Lanes { VectorMath.sigmoid(a) }
    @inline(__always) public static func slope(_ h: Lanes) -> Lanes { h * (1 - h) }
    @inline(__always) public static func curvature(_ h: Lanes, _ g: Lanes) -> Lanes { g * (1 - 2 * h) }
    @inline(__always) public static func value(_ a: Double) -> Double { VectorMath.sigmoid(Lanes(repeating: a))[0] }
    @inline(__always) public static func slope(_ h: Double) -> Double { h * (1 - h) }
}
