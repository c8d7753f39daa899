import AELang

/// Every builtin that exposes the numerical core and the plots to ae scripts.
///
/// Each area keeps its builtins in its own file (`DataBuiltins`, `ModelBuiltins`, ...).
public enum Builtins {
    /// The functions to register with an engine.
    public static var all: [Function] {
        FileBuiltins.functions
            // DensityBuiltins.mixture serves both forms: mixture(densities) and mixture(n, components).
            + DataBuiltins.functions.filter { $0.name != "mixture" }
            + ModelBuiltins.functions + DensityBuiltins.functions
            + SamplingBuiltins.functions + PlotBuiltins.functions
    }
}
