import Foundation

/// Holds a result across threads; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Runs `body` on a thread with a 512 MiB stack and waits for it. The evaluator recurses once per
/// nested call and per nested expression; with this much stack the configured limits
/// (`maxCallDepth`, `maxNesting`) are always reached long before the stack overflows, which would
/// kill the process.
func onLargeStack<T>(_ body: @escaping () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) let work = body
    let thread = Thread {
        box.result = Result { try work() }
        done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    done.wait()
    return try box.result!.get()
}
