#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The error of the first write to standard output that failed (a full
/// disk, /dev/full, a closed descriptor), 0 while none has: the process
/// then says so and exits with status 1 instead of 0.
let standardOutputError = Atomic<Int32>(0)

/// Writes to the process's streams; the library only hands over text.
enum Output {
    static func standard(_ text: String) {
        if let failure = write(STDOUT_FILENO, text) {
            _ = standardOutputError.compareExchange(expected: 0, desired: failure, ordering: .relaxed)
        }
    }
    static func error(_ text: String) { _ = write(STDERR_FILENO, text) }

    /// The error number when not every byte could be written.
    private static func write(_ fd: Int32, _ text: String) -> Int32? {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 {
                if errno == EINTR { continue }
                return written < 0 ? errno : EIO
            }
            offset += written
        }
        return nil
    }
}

/// Exits with `code`, or with status 1 and a message when answers could not be written.
func exitProcess(_ code: Int32) -> Never {
    let failure = standardOutputError.load(ordering: .relaxed)
    if failure != 0 {
        Output.error("redline: error: could not write the answers to standard output: \(String(cString: strerror(failure)))\n")
        Glibc.exit(code == 0 || code == 2 ? 1 : code)
    }
    Glibc.exit(code)
}
