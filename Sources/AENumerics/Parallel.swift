import Dispatch

/// Runs `body(block)` for every block in 0..<blocks on up to `threads` threads (0: one per core).
///
/// The blocks, not the threads, fix what is computed: callers split their work into a fixed number of
/// blocks that does not depend on the thread count, and combine per-block results in block order, so
/// results are bit-identical for any number of threads.
public func parallelBlocks(_ blocks: Int, threads: Int = 0, _ body: (Int) -> Void) {
    let workers = min(blocks, threads > 0 ? threads : ProcessInfoCores.count)
    if workers <= 1 {
        for b in 0..<blocks { body(b) }
        return
    }
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: blocks) { b in body(b) }
    }
    _ = workers
}

enum ProcessInfoCores {
    static let count: Int = {
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
