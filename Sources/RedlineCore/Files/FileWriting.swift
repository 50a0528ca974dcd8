#if canImport(Glibc)
import Glibc
#endif

/// Every file Redline writes goes through a temporary file in the same
/// directory and a rename, so a crash or a full disk never leaves a
/// half-written file in place of the old one.
public enum FileWriting {
    public struct Failure: Error, Sendable {
        public let reason: String
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(reason: "cannot create '\(temporary)': \(describe(errno))") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = describe(errno)
                close(fd)
                unlink(temporary)
                throw Failure(reason: "cannot write '\(path)': \(reason)")
            }
            offset += written
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = describe(errno)
            unlink(temporary)
            throw Failure(reason: "cannot write '\(path)': \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = describe(errno)
            unlink(temporary)
            throw Failure(reason: "cannot replace '\(path)': \(reason)")
        }
    }

    public static func writeAtomically(_ text: String, to path: String) throws(Failure) {
        try writeAtomically(Array(text.utf8), to: path)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
