import Dispatch
import Synchronization

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

#if canImport(Glibc)
import Glibc
#endif
