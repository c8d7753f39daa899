import _AEKernels

/// The instruction set the numerical kernels run on, chosen at run time from what the processor
/// supports (the kernels are compiled once per instruction set; _AEKernels/Dispatch.h).
///
/// Every instruction set computes the same bits: the kernels perform the same IEEE operations in the
/// same order, and their fused multiply-adds are exact fmas everywhere (a `vfmadd` with AVX2 + FMA,
/// the C library's `fma` without). Only the speed differs, by about 25 times on x86-64.
///
///     KernelInstructionSet.current      // .avx2 on a Haswell or later, .portable elsewhere
public enum KernelInstructionSet: Int32, CaseIterable, Sendable {
    /// The target's baseline: SSE2 on x86-64, NEON on arm64.
    case portable = 0
    /// x86-64 with AVX2 and FMA (Haswell, 2013, and later; every AMD Zen).
    case avx2 = 1

    /// The best instruction set this processor and operating system support.
    public static var best: KernelInstructionSet { KernelInstructionSet(rawValue: ae_isa_best()) ?? .portable }

    /// The instruction set in use, process-wide. Setting one above ``best`` selects ``best``; tests set
    /// `.portable` to check that it computes what `.avx2` computes.
    public static var current: KernelInstructionSet {
        get { KernelInstructionSet(rawValue: ae_isa_current()) ?? .portable }
        set { _ = ae_isa_select(newValue.rawValue) }
    }
}
