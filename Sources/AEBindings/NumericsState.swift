import AELang
import AENumerics

/// The per-engine state of the numerical builtins: the random generator that every generator,
/// initialiser and sampler draws its seeds from. `seed(n)` resets it; a fresh engine starts from
/// `EngineOptions.seed` (the CLI's `--seed`).
final class NumericsState {
    var rng: Xoshiro256

    init(seed: UInt64) { rng = Xoshiro256(seed: seed) }

    /// A fresh 64-bit seed for one piece of work (a model's initialisation, a sampler's chains), so
    /// each builtin call is reproducible on its own given the sequence of calls before it.
    func nextSeed() -> UInt64 { rng.next() }
}

extension CallContext {
    /// The engine's numerics state.
    var numerics: NumericsState {
        state(NumericsState.self) { NumericsState(seed: options.seed) }
    }
}
