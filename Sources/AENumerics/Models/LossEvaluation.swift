/// Which kernel evaluates a DAE's or CAE's loss and gradient (``TrainingObjective/lossEvaluation``).
/// Both compute the same function; they differ in summation order (agreeing to about 1e-13 relative)
/// and in speed. Each gives the same bits for any thread count.
public enum LossEvaluation: Sendable {
    /// The fused kernel below ``wideDimension`` inputs, the blocked products from there on.
    case automatic
    /// The fused tile kernel: fastest for the paper's narrow data (d = 1, 2, 10).
    case fused
    /// Blocked matrix products with a register-blocked microkernel: fastest for wide data.
    case blocked

    /// The number of inputs from which ``automatic`` uses the blocked products. Measured with
    /// `ae-bench wide` (H = 1000, N = 10000, one thread, CPU time an evaluation): d = 2 fused 0.024 s,
    /// blocked 0.046 s; d = 10 0.077 s and 0.068 s; d = 16 0.127 s and 0.105 s; d = 64 0.59 s and
    /// 0.29 s. d = 10, the paper's other case, stays fused (within 15%) so that its results keep
    /// their bits.
    public static let wideDimension = 16
}
