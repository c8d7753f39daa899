import AELang

/// Every builtin that exposes the numerical core and the plots to ae scripts.
public enum Builtins {
    /// The functions to register with an engine, in no particular order.
    public static var all: [Function] {
        []
    }
}
