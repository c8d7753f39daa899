#include "_AEKernels.h"
#include <stdatomic.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

int ae_isa_best(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return AE_ISA_PORTABLE;
    // FMA (bit 12), OSXSAVE (27: the OS saves extended state), AVX (28).
    if ((c & (1u << 12 | 1u << 27 | 1u << 28)) != (1u << 12 | 1u << 27 | 1u << 28)) return AE_ISA_PORTABLE;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return AE_ISA_PORTABLE;  // the OS saves the XMM and YMM registers
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return AE_ISA_PORTABLE;
    return (b & 1u << 5) ? AE_ISA_AVX2 : AE_ISA_PORTABLE;
#else
    return AE_ISA_PORTABLE;
#endif
}

static _Atomic int selected = -1;

int ae_isa_current(void) {
    int isa = atomic_load_explicit(&selected, memory_order_relaxed);
    if (isa < 0) {
        isa = ae_isa_best();
        atomic_store_explicit(&selected, isa, memory_order_relaxed);
    }
    return isa;
}

int ae_isa_select(int isa) {
    int best = ae_isa_best();
    if (isa > best) isa = best;
    if (isa < AE_ISA_PORTABLE) isa = AE_ISA_PORTABLE;
    atomic_store_explicit(&selected, isa, memory_order_relaxed);
    return isa;
}
