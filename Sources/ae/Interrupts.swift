import AELang
import Glibc
import Synchronization

/// Ctrl-C (SIGINT) for the whole program.
///
/// The handler is async-signal-safe: it touches only atomics, reached through constants that
/// `install` initialises before the handler exists. At the prompt it counts the signal, so the line
/// editor, woken by EINTR, can discard the line. While code runs it also sets `flag`, the interrupt
/// flag the session's engine was made with, which the evaluator and every long builtin poll, as Lua's
/// standalone interpreter does with its hook. A third Ctrl-C during one run that has not stopped yet
/// (a builtin that does not poll) ends the process with status 130.
enum Interrupts {
    /// The engine's interrupt flag (the CLI's one engine is made with it).
    static let flag = InterruptFlag()
    /// Signals received and not yet taken by the line editor.
    static let pending = Atomic<Int>(0)
    /// Signals received during the current run.
    static let duringRun = Atomic<Int>(0)
    /// True while code runs, false at the prompt.
    static let running = Atomic<Bool>(false)

    private static let forcedExitMessage: StaticString = "\nae: interrupted three times, exiting\n"

    /// Installs the handler once. Without SA_RESTART, so that a blocking `poll` returns EINTR.
    static func install() {
        // Touch the statics first: their lazy initialisation must not happen inside the handler.
        _ = pending.load(ordering: .relaxed)
        _ = duringRun.load(ordering: .relaxed)
        _ = running.load(ordering: .relaxed)
        _ = flag.isSet
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.pending.add(1, ordering: .relaxed)
            guard Interrupts.running.load(ordering: .acquiring) else { return }
            Interrupts.flag.set()
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
    static func whileRunning<T>(_ body: () -> T) -> T? {
        install()
        flag.clear()
        duringRun.store(0, ordering: .relaxed)
        running.store(true, ordering: .releasing)
        defer {
            running.store(false, ordering: .releasing)
            pending.store(0, ordering: .relaxed)
        }
        if pending.load(ordering: .relaxed) > 0 { return nil }
        return body()
    }
}
