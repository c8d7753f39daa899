import Foundation
import Synchronization

/// What a builtin may use of the engine that runs it: the interrupt flag, the output sink, progress
/// reporting, per-engine state, the capabilities the host granted, and calls back into ae functions.
public final class CallContext {
    public let options: EngineOptions
    let interruptFlag: InterruptFlag
    let output: (String) -> Void
    let diagnostics: (String) -> Void
    /// The host's rich display (see ``Engine/display``).
    var display: ((any HostObject) -> Bool)?
    /// Set by the evaluator: calls an ae or native function with positional arguments.
    var invoke: (Function, [Value]) throws -> Value = { _, _ in throw NativeError("no evaluator attached") }
    private var states: [ObjectIdentifier: AnyObject] = [:]

    public init(options: EngineOptions,
                interruptFlag: InterruptFlag = InterruptFlag(),
                output: @escaping (String) -> Void,
                diagnostics: @escaping (String) -> Void) {
        self.options = options
        self.interruptFlag = interruptFlag
        self.output = output
        self.diagnostics = diagnostics
    }

    /// Shows `object` through the host's rich display (a notebook draws a figure's SVG); false when
    /// the host has none, or declines, and the caller should write text instead.
    public func showRich(_ object: any HostObject) -> Bool {
        display?(object) ?? false
    }

    /// When the current run must stop (`EngineOptions.deadline` after it started); set by the engine.
    var deadline: Date?

    /// True once the user pressed Ctrl-C, the host called `cancel()` or the run's time limit passed.
    /// Long loops check it often (and stop early, keeping what they have). Thread-safe: a builtin's
    /// worker threads may ask it.
    public var isInterrupted: Bool {
        interruptFlag.isSet || deadline.map { Date() > $0 } ?? false
    }

    /// Throws ``Interrupted`` when the run was interrupted, ``LimitExceeded`` when its time is up.
    public func checkInterrupt() throws {
        if interruptFlag.isSet { throw Interrupted() }
        try checkDeadline()
    }

    /// Throws ``LimitExceeded`` when the run's time is up. A builtin that stopped early on
    /// `isInterrupted` calls it before returning its partial result: Ctrl-C keeps what was done (the
    /// REPL shows it), the host's time limit is an error.
    public func checkDeadline() throws {
        if let deadline, Date() > deadline {
            throw LimitExceeded("time limit exceeded (\(formatNumber(options.deadline ?? 0)) s)",
                                hint: "raise EngineOptions.deadline")
        }
    }

    /// Writes program output (what `print` writes) to the host's sink.
    public func write(_ text: String) { output(text) }

    /// Calls a function value, e.g. the energy a user passed to `density(fn(x) ...)`.
    public func call(_ function: Function, _ arguments: [Value]) throws -> Value {
        try invoke(function, arguments)
    }

    /// The engine's single instance of `T`, made by `make` on first use. Builtins keep per-engine state
    /// here (the random generator, the thread count) rather than in globals.
    public func state<T: AnyObject>(_ type: T.Type = T.self, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        if let existing = states[key] as? T { return existing }
        let made = make()
        states[key] = made
        return made
    }

    /// Resolves a path the script wants to read, or throws when the host did not grant file reading.
    public func readablePath(_ path: String) throws -> String {
        guard options.allowFileRead else {
            throw NativeError("reading files is not allowed in this engine",
                              hint: "the host program must grant file access (EngineOptions.allowFileRead)")
        }
        return path
    }

    /// Resolves a path the script wants to write, or throws when the host did not grant file writing.
    public func writablePath(_ path: String) throws -> String {
        guard options.allowFileWrite else {
            throw NativeError("writing files is not allowed in this engine",
                              hint: "the host program must grant file access (EngineOptions.allowFileWrite)")
        }
        return path
    }

    /// Starts a progress report for a long task of `total` steps. On a terminal it draws a bar on
    /// stderr; otherwise (or with `quiet`) it prints at most one summary line when finished.
    public func progress(_ title: String, total: Int) -> Progress {
        Progress(title: title, total: total, live: options.showProgress && !options.quiet,
                 summary: !options.quiet, write: diagnostics)
    }
}

/// A flag set from a signal handler or another thread, read by the evaluator and by long builtins.
public final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { flag.load(ordering: .relaxed) }
    public func set() { flag.store(true, ordering: .relaxed) }
    public func clear() { flag.store(false, ordering: .relaxed) }
}

/// How an engine behaves: what the host grants and how it reports.
public struct EngineOptions {
    /// Worker threads for numerical builtins; 0 means one per core. Results never depend on it.
    public var threads: Int = 0
    /// No progress output at all.
    public var quiet: Bool = false
    /// Draw live progress bars (the CLI sets this when stderr is a terminal).
    public var showProgress: Bool = false
    /// Text drawings (`show`) use ANSI colours unless told otherwise: the output is a colour terminal
    /// (the CLI sets this when stdout is one, TERM is not dumb and NO_COLOR is unset).
    public var colorOutput: Bool = false
    public var allowFileRead: Bool = false
    public var allowFileWrite: Bool = false
    /// Maximum depth of nested calls before "call depth exceeded".
    public var maxCallDepth: Int = 1000
    /// Maximum nesting of brackets and blocks in the parser.
    public var maxNesting: Int = 200
    /// Maximum number of elements in one list, string or dataset a script may create.
    public var maxElements: Int = 100_000_000
    /// Maximum number of evaluation steps (nil: unlimited).
    public var maxSteps: Int? = nil
    /// Seconds of wall-clock time after which the run stops (nil: unlimited).
    public var deadline: Double? = nil
    /// The seed of the random generator before any `seed(n)`.
    public var seed: UInt64 = 42

    public init() {}

    /// Options for a script the host does not trust: no file access (the default), no progress
    /// output, one worker thread, and limits on evaluation steps, seconds, elements and call depth, so
    /// that any script ends, soon, with a value or an error. Change a field afterwards to loosen one:
    ///
    ///     var options = EngineOptions.sandbox(seconds: 1)
    ///     options.allowFileRead = true
    public static func sandbox(steps: Int = 1_000_000, seconds: Double = 5, elements: Int = 1_000_000,
                               callDepth: Int = 200) -> EngineOptions {
        var options = EngineOptions()
        options.quiet = true
        options.threads = 1
        options.maxSteps = steps
        options.deadline = seconds
        options.maxElements = elements
        options.maxCallDepth = callDepth
        return options
    }
}
