// One kernel, compiled once per instruction set: AE_DISPATCH(name, (params), (args)) defines the
// function `name` (AE_DISPATCH_VOID: returning nothing) from a static inline `name##_body`, which is inlined (with all it calls) into a
// portable copy and, on x86-64, an AVX2 + FMA copy; `name` calls the one ae_isa_current() selects.
#ifndef AE_DISPATCH_H
#define AE_DISPATCH_H

#include "_AEKernels.h"

#if defined(__x86_64__)
#define AE_DISPATCH(type, name, params, args)                                           \
    static type name##_portable params { return name##_body args; }                     \
    __attribute__((target("avx2,fma"))) static type name##_avx2 params {                \
        return name##_body args;                                                         \
    }                                                                                    \
    type name params {                                                                   \
        return ae_isa_current() == AE_ISA_AVX2 ? name##_avx2 args : name##_portable args; \
    }
#define AE_DISPATCH_VOID(name, params, args)                                  \
    static void name##_portable params { name##_body args; }                     \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params {         \
        name##_body args;                                                         \
    }                                                                             \
    void name params {                                                            \
        if (ae_isa_current() == AE_ISA_AVX2) name##_avx2 args;                    \
        else name##_portable args;                                                \
    }
#else
#define AE_DISPATCH(type, name, params, args) \
    type name params { return name##_body args; }
#define AE_DISPATCH_VOID(name, params, args) \
    void name params { name##_body args; }
#endif

#endif
