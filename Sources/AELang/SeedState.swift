/// The seed of an engine's random numbers, set by `seed(n)` and initially `EngineOptions.seed`.
///
/// Builtins that draw random numbers keep their generator in their own per-engine state and read this
/// to know when the script reseeded:
///
///     let seeds = SeedState.of(context)
///     if seeds.generation != myGeneration { rng = Xoshiro256(seed: seeds.seed); myGeneration = seeds.generation }
public final class SeedState {
    /// The current seed.
    public var seed: UInt64
    /// Incremented by each `seed(n)` call, so holders of a generator can tell that they must reseed.
    public private(set) var generation = 0

    public init(seed: UInt64) { self.seed = seed }

    /// Sets a new seed (what `seed(n)` does).
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        generation += 1
    }

    /// The engine's seed state.
    public static func of(_ context: CallContext) -> SeedState {
        context.state(SeedState.self) { SeedState(seed: context.options.seed) }
    }
}
