import AELang
import Glibc
import Synchronization

/// Ctrl-C (SIGINT) for the whole program.
///
/// The handler is async-signal-safe: it only touches atomics. At the prompt it counts the signal, so
/// the line editor, woken by EINTR, can discard the line. While code runs it also sets the engine's
/// interrupt flag, which the evaluator and every long builtin poll, as Lua's standalone interpreter
/// does with its hook. A third Ctrl-C during one run that has not stopped yet (a builtin that does not
/// poll) ends the process with status 130.
enum Interrupts {
    /// Signals received and not yet taken by the line editor.
    static let pending = Atomic<Int>(0)
    /// Signals received during the current run.
    static let duringRun = Atomic<Int>(0)
    /// The interrupt flag of the engine that is running code, or nil at the prompt.
    nonisolated(unsafe) static var running: InterruptFlag?

    private static let forcedExitMessage: StaticString = "\nae: interrupted three times, exiting\n"

    /// Installs the handler once. Without SA_RESTART, so that a blocking `poll` returns EINTR.
    static func install() {
        // Touch the statics first: their lazy initialisation must not happen inside the handler.
        _ = pending.load(ordering: .relaxed)
        _ = duringRun.load(ordering: .relaxed)
        running = nil
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.pending.add(1, ordering: .relaxed)
            guard let flag = Interrupts.running else { return }
            flag.set()
            if Interrupts.duringRun.add(1, ordering: .relaxed).newValue >= 3 {
                let message = Interrupts.forcedExitMessage
                _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
                _exit(130)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// True, once, when Ctrl-C was pressed since the last call.
    static func takePending() -> Bool {
        pending.exchange(0, ordering: .relaxed) > 0
    }

    /// Runs `body` with Ctrl-C routed to `flag`; returns nil without running it when Ctrl-C was
    /// pressed since the last line was read (or, in a batch run, since ae started).
    static func whileRunning<T>(_ flag: InterruptFlag, _ body: () -> T) -> T? {
        install()
        duringRun.store(0, ordering: .relaxed)
        running = flag
        defer {
            running = nil
            pending.store(0, ordering: .relaxed)
        }
        if pending.load(ordering: .relaxed) > 0 { return nil }
        return body()
    }
}
