import CPseudoTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a pseudo-terminal, as a person at a keyboard would:
/// its own session with the terminal as the controlling one, so Ctrl-C
/// typed into the terminal raises SIGINT in the program.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let master: Int32
    let pid: pid_t
    /// Everything the program wrote so far.
    private(set) var transcript = ""
    /// Where the next `expect` starts looking.
    private var mark = "".endIndex

    init(_ path: String, arguments: [String], environment: [String: String], directory: String, columns: Int32 = 100) throws {
        var name = [CChar](repeating: 0, count: 256)
        master = redline_open_pseudo_terminal(&name, Int32(name.count), columns)
        guard master >= 0 else { throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))") }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        pid = redline_spawn_on_terminal(path, argv, envp, name, directory, master)
        guard pid > 0 else {
            close(master)
            throw Failure(description: "cannot start \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
    }

    /// Types at the prompt: waits until the line editor has put the terminal
    /// in raw mode, as a person reading the prompt does. Typed earlier, the
    /// line discipline would echo the keys itself, swallow Ctrl-D as the end
    /// of a line, and flush a half-typed line on Ctrl-C before libedit sees it.
    func type(_ text: String) throws {
        let deadline = Date().addingTimeInterval(20)
        var settings = termios()
        while tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 {
            guard Date() < deadline else { throw Failure(description: "the terminal never left canonical mode") }
            readAvailable(waitMilliseconds: 5)
        }
        send(text)
    }

    /// Waits until the line editor has handed the terminal back (an entry was read).
    func waitForCanonicalMode() throws {
        let deadline = Date().addingTimeInterval(20)
        var settings = termios()
        while tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) == 0 {
            guard Date() < deadline else { throw Failure(description: "the terminal never returned to canonical mode") }
            readAvailable(waitMilliseconds: 5)
        }
    }

    /// Ctrl-D at the prompt.
    func sendEndOfInput() throws {
        try type("\u{04}")
    }

    /// Waits until `text` appears in output written after the previous match.
    @discardableResult
    func expect(_ text: String, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = transcript[mark...].range(of: text) {
                let seen = String(transcript[mark..<range.upperBound])
                mark = range.upperBound
                return seen
            }
            guard Date() < deadline else {
                var status: Int32 = 0
                var settings = termios()
                tcgetattr(master, &settings)
                let mode = settings.c_lflag & tcflag_t(ICANON) != 0 ? "canonical" : "raw"
                let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? "?"
                let syscall = (try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8)) ?? "?"
                let state = waitpid(pid, &status, WNOHANG) == pid ? "exited with wait status \(status)"
                    : "still running, terminal \(mode), waiting in \(wchan), syscall \(syscall.prefix(40))"
                throw Failure(description: "timed out waiting for \(text.debugDescription) (the program is \(state)); the whole transcript:\n\(transcript.debugDescription)")
            }
            readAvailable(waitMilliseconds: 50)
        }
    }

    private func readAvailable(waitMilliseconds: Int32) {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, waitMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
        if count > 0 {
            let offset = transcript.distance(from: transcript.startIndex, to: mark)
            transcript += String(decoding: buffer[0..<count], as: UTF8.self)
            mark = transcript.index(transcript.startIndex, offsetBy: offset)
        }
    }

    /// The exit status, or nil when the program has not ended within the timeout.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            readAvailable(waitMilliseconds: 20)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
        }
        return nil
    }
}
