import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C at the prompt or during an evaluation. The handler only sets a
/// flag: the evaluator polls it (EvaluationLimits.isCancelled), and libedit's
/// read returns with EINTR because the handler is installed without SA_RESTART.
let interrupted = Atomic<Bool>(false)

enum Interrupts {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupted.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have blocked SIGINT; the prompt needs it.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    }

    /// True once per Ctrl-C.
    static func take() -> Bool {
        interrupted.exchange(false, ordering: .relaxed)
    }

    static func clear() {
        interrupted.store(false, ordering: .relaxed)
    }

    static var isPending: Bool { interrupted.load(ordering: .relaxed) }
}
