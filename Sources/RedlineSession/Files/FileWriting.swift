import RedlineLanguage
import RedlineEngine
#if canImport(Glibc)
import Glibc
#endif

/// Every file Redline writes goes through a temporary file in the same
/// directory and a rename, so a crash or a full disk never leaves a
/// half-written file in place of the old one.
package enum FileWriting {
    package struct Failure: Error, Sendable {
        package let reason: String
    }

    /// Refuses a path that holds something other than a regular file (a
    /// symbolic link, a device, a pipe: the rename would replace it) and a
    /// read-only file; a file it replaces keeps its permissions.
    package static func writeAtomically(_ bytes: [UInt8], to path: String, newFileMode: mode_t = 0o644) throws(Failure) {
        var mode = newFileMode
        var existing = stat()
        if lstat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFREG else {
                throw Failure(reason: "will not replace '\(path)': it is not a regular file (a link, a device, a pipe or a directory)")
            }
            guard access(path, W_OK) == 0, existing.st_mode & 0o222 != 0 else {
                throw Failure(reason: "will not replace '\(path)': it is read-only")
            }
            mode = existing.st_mode & 0o7777
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(reason: "cannot create '\(path)': \(describe(errno))") }
        // The umask may have narrowed the mode of the file this one replaces.
        if existing.st_mode & S_IFMT == S_IFREG { fchmod(fd, mode) }
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

    package static func writeAtomically(_ text: String, to path: String, newFileMode: mode_t = 0o644) throws(Failure) {
        try writeAtomically(Array(text.utf8), to: path, newFileMode: newFileMode)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
