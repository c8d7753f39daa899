import AELang

/// Every builtin that exposes the numerical core and the plots to ae scripts.
///
/// Each area keeps its builtins in its own file (`DataBuiltins`, `ModelBuiltins`, ...).
public enum Builtins {
    /// The functions to register with an engine, each with its `topic` for `help()`, which lists the
    /// topics in this order. Made once: the builtins keep their per-engine state in the engine's
    /// `CallContext`, so every engine shares them.
    public static let all: [Function] = {
        let areas: [(topic: String, functions: [Function])] = [
            ("arrays", ArrayConstructors.functions),
            ("files", FileBuiltins.functions),
            ("data", DataBuiltins.functions),
            ("models", ModelBuiltins.functions),
            ("densities", DensityBuiltins.functions),
            ("sampling", SamplingBuiltins.functions),
            ("plots", PlotBuiltins.functions),
        ]
        for area in areas {
            for function in area.functions { function.topic = area.topic }
        }
        return areas.flatMap { $0.functions }
    }()
}
