import Foundation

/// Where an engine runs scripts: a thread with a 512 MiB stack that does the work while the caller
/// waits. The evaluator recurses once per nested call and per nested expression; with this much
/// stack the configured limits (`maxCallDepth`, `maxNesting`) are always reached long before the
/// stack overflows, which would kill the process. (The stack is reserved address space; only the
/// pages touched are committed.)
///
/// Creating a thread (and faulting in its stack) cost more than running a short script, so the
/// thread is taken on first use from a small process-wide set of idle ones, kept for the engine's
/// lifetime, and given back when the engine goes. A worker keeps no state between jobs.
final class LargeStack {
    /// Serialises callers from different threads (an engine is used from one thread at a time, but a
    /// misbehaving host must not corrupt the hand-over).
    private let callers = NSLock()
    private var worker: StackWorker?
    private var started = false

    /// Runs `body` on the large stack and returns its result. Work nested in a job runs in place;
    /// without a thread (resources exhausted) it runs here, with the limits as the only protection.
    func run<T>(_ body: @escaping () throws -> T) throws -> T {
        if let worker, worker.isCurrent { return try body() }
        callers.lock()
        defer { callers.unlock() }
        if !started {
            started = true
            worker = StackWorker.idle.take() ?? StackWorker()
        }
        guard let worker else { return try body() }
        var result: Result<T, Error>?
        worker.perform { result = Result { try body() } }
        return try result!.get()
    }

    deinit {
        guard let worker else { return }
        if worker.isCurrent {
            worker.stop()      // released by its own last job: it cannot wait for itself
        } else if !StackWorker.idle.put(worker) {
            worker.stop()
        }
    }
}

/// One large-stack thread and its mailbox.
private final class StackWorker {
    static let stackSize = 512 << 20
    /// Idle workers, ready for the next engine.
    static let idle = IdleWorkers(capacity: 4)

    /// What the caller and the thread share; the thread keeps it alive until it exits.
    private final class Mailbox {
        let condition = NSCondition()
        var job: (() -> Void)?
        var finished = false
        var stopping = false
    }

    private let mailbox = Mailbox()
    private var thread = pthread_t()

    /// nil when no thread could be created.
    init?() {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, StackWorker.stackSize)
        let context = Unmanaged.passRetained(mailbox).toOpaque()
        let status = pthread_create(&thread, &attributes, { raw in
            StackWorker.serve(Unmanaged<Mailbox>.fromOpaque(raw!).takeRetainedValue())
            return nil
        }, context)
        if status != 0 {
            Unmanaged<Mailbox>.fromOpaque(context).release()
            return nil
        }
        pthread_detach(thread)
    }

    var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }

    /// Runs `job` on the thread and waits until it is done.
    func perform(_ job: @escaping () -> Void) {
        let condition = mailbox.condition
        condition.lock()
        mailbox.job = job
        mailbox.finished = false
        condition.broadcast()
        while !mailbox.finished { condition.wait() }
        condition.unlock()
    }

    /// Lets the thread end once its current job (if any) is done.
    func stop() {
        let condition = mailbox.condition
        condition.lock()
        mailbox.stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// The thread's loop: take a job, run it, report it finished; end when asked to stop.
    private static func serve(_ mailbox: Mailbox) {
        let condition = mailbox.condition
        condition.lock()
        while true {
            if var job = mailbox.job {
                mailbox.job = nil
                condition.unlock()
                job()
                job = {}       // release what the job captured before the caller goes on
                condition.lock()
                mailbox.finished = true
                condition.broadcast()
            } else if mailbox.stopping {
                break
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }
}

/// A few idle workers shared by all engines of the process (the only process-wide object in
/// AELang; it holds threads, no script state).
private final class IdleWorkers: @unchecked Sendable {
    private let lock = NSLock()
    private var workers: [StackWorker] = []
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func take() -> StackWorker? {
        lock.lock()
        defer { lock.unlock() }
        return workers.popLast()
    }

    /// Keeps `worker` for a later engine; false when enough are idle already.
    func put(_ worker: StackWorker) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard workers.count < capacity else { return false }
        workers.append(worker)
        return true
    }
}
