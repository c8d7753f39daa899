/// An error thrown by a builtin. The evaluator turns it into a positioned runtime error: the caret goes
/// under `argument` when one is named (`sigma` in `dae(hidden: 10, sigma: -1)`), else under the call.
///
///     throw NativeError("sigma must be > 0, got -1", argument: "sigma",
///                       hint: "sigma is the standard deviation of the corruption noise")
public struct NativeError: Error, Equatable {
    public var message: String
    /// The parameter whose argument caused the error, if any.
    public var argument: String?
    /// One line of advice printed under the caret.
    public var hint: String?

    public init(_ message: String, argument: String? = nil, hint: String? = nil) {
        self.message = message
        self.argument = argument
        self.hint = hint
    }
}

/// Thrown by ``CallContext/checkInterrupt()`` when the user pressed Ctrl-C or the host cancelled the run.
public struct Interrupted: Error, Equatable {
    public init() {}
}

/// Thrown by a builtin when the run reached one of the host's limits (e.g. the deadline, through
/// `CallContext.checkInterrupt()`); the script stops with a `.limit` error.
public struct LimitExceeded: Error, Equatable {
    public let message: String
    public let hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
