import _AEKernels

/// Eight Doubles, the unit of work of the kernels: eight hidden units at a time (two AVX registers).
public typealias Lanes = SIMD8<Double>

/// Vectorised exp, tanh and the logistic sigmoid, as the training kernels compute them
/// (_AEKernels/Lanes.h holds the one definition; these call it).
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
    /// e^x, lane by lane (x clamped to [−700, 700]).
    public static func exp(_ x: Lanes) -> Lanes { apply(ae_exp8, x) }

    /// tanh(a), lane by lane. |a| > 20 gives ±1 exactly, as libm does.
    public static func tanh(_ a: Lanes) -> Lanes { apply(ae_tanh8, a) }

    /// 1/(1 + e^−a), lane by lane.
    public static func sigmoid(_ a: Lanes) -> Lanes { apply(ae_sigmoid8, a) }

    @inline(__always)
    private static func apply(_ kernel: (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Void,
                              _ x: Lanes) -> Lanes {
        var input = x, output = Lanes()
        withUnsafePointer(to: &input) { i in
            withUnsafeMutablePointer(to: &output) { o in
                kernel(UnsafeRawPointer(i).assumingMemoryBound(to: Double.self),
                       UnsafeMutableRawPointer(o).assumingMemoryBound(to: Double.self))
            }
        }
        return output
    }
}
