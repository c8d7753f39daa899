import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(block)` for every block in 0..<blocks on up to `threads` threads (0: one per core).
///
/// The blocks, not the threads, fix what is computed: callers split their work into a fixed number of
/// blocks that does not depend on the thread count, and combine per-block results in block order, so
/// results are bit-identical for any number of threads. `threads` workers (never more than there are
/// blocks) each pull the next unclaimed block until none is left.
public func parallelBlocks(_ blocks: Int, threads: Int = 0, _ body: (Int) -> Void) {
    let workers = min(blocks, threads > 0 ? threads : ProcessInfoCores.count)
    if workers <= 1 {
        for b in 0..<blocks { body(b) }
        return
    }
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let b = next.add(1, ordering: .relaxed).oldValue
                if b >= blocks { break }
                body(b)
            }
        }
    }
}

/// Lets a long parallel computation stop early: the workers call `requested()` between pieces of
/// work, which asks the host's check (e.g. "Ctrl-C or the deadline?"). Once it has said stop, every
/// later call says stop too, on every thread, without asking again.
public final class StopCheck: @unchecked Sendable {
    private let check: (() -> Bool)?
    private let stopped = Atomic<Bool>(false)

    /// `check` is called from worker threads, so it must be thread-safe; nil never stops.
    public init(_ check: (() -> Bool)?) { self.check = check }

    /// Whether to stop now.
    public func requested() -> Bool {
        if stopped.load(ordering: .relaxed) { return true }
        guard let check, check() else { return false }
        stopped.store(true, ordering: .relaxed)
        return true
    }

    /// Whether any call to `requested()` said stop.
    public var wasRequested: Bool { stopped.load(ordering: .relaxed) }
}

/// The number of online processors.
public enum ProcessInfoCores {
    public static let count: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()
}
