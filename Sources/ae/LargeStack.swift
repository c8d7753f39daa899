import Glibc

/// Runs code on a thread with a large stack.
///
/// The engine runs scripts on a large stack of its own; the CLI also runs its side of each entry here
/// (notably `describe`, which recurses once per level of a nested list a loop may have built 10^5
/// levels deep) so that nothing it does can overflow the main thread's 8 MiB and kill the process.
/// The memory is only reserved; pages are committed as the stack grows.
enum LargeStack {
    static let size = 512 << 20

    /// Runs `body` on a new thread with a `size`-byte stack and waits for its result.
    static func run<T>(_ body: @escaping () -> T) -> T {
        let result = ResultBox<T>()
        let task = Task { result.value = body() }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(task).toOpaque()
        let created = pthread_create(&thread, &attributes, { context in
            Unmanaged<Task>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        if created != 0 {
            // No thread to be had: run here rather than fail.
            Unmanaged<Task>.fromOpaque(context).release()
            return body()
        }
        pthread_join(thread, nil)
        return result.value!
    }

    private final class Task {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private final class ResultBox<T> {
        var value: T?
    }
}
