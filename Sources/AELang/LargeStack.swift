import Foundation

/// Holds the work and its result across threads; pthread_join orders the write before the read.
private final class StackJob {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body` on a thread with a 512 MiB stack and waits for it. The evaluator recurses once per
/// nested call and per nested expression; with this much stack the configured limits
/// (`maxCallDepth`, `maxNesting`) are always reached long before the stack overflows, which would
/// kill the process. (The stack is reserved address space; only the pages touched are committed.)
func onLargeStack<T>(_ body: @escaping () throws -> T) throws -> T {
    var result: Result<T, Error>?
    let job = StackJob { result = Result { try body() } }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 512 << 20)
    var thread = pthread_t()
    let context = Unmanaged.passRetained(job).toOpaque()
    let status = pthread_create(&thread, &attributes, { raw in
        let job = Unmanaged<StackJob>.fromOpaque(raw!).takeRetainedValue()
        job.body()
        return nil
    }, context)
    if status != 0 {
        // No thread (resources exhausted): run here, with the limits as the only protection.
        Unmanaged<StackJob>.fromOpaque(context).release()
        return try body()
    }
    pthread_join(thread, nil)
    return try result!.get()
}
