import RedlineLanguage
import RedlineEngine
#if canImport(Glibc)
import Glibc
#endif

/// File access for loading: reads bytes within a size limit, decides which
/// files a file may name, and turns paths into the short form diagnostics print.
package enum FileReading {
    /// Names the files of `Knowledge/` compiled into the binary: `bundled:ultimatum.rl`.
    static let bundledPrefix = "bundled:"
    /// Larger files are refused before they are read, so a stray 100 MB file
    /// (or `/dev/zero`) costs a message, not the machine's memory.
    static let maxFileSize = 64 << 20

    package struct Failure: Error {
        package let reason: String
    }

    /// `regularFileOnly` refuses pipes, devices and sockets before opening
    /// them: a FIFO named by `.input` would block the read for good.
    package static func read(_ path: String, regularFileOnly: Bool = false) -> Result<[UInt8], Failure> {
        if path.hasPrefix(bundledPrefix) {
            let name = path.dropFirst(bundledPrefix.count)
            guard let file = BundledKnowledge.files.first(where: { $0.name == name }) else {
                let names = BundledKnowledge.files.map { bundledPrefix + $0.name }
                return .failure(Failure(reason: "no such bundled file (there are \(names.joined(separator: ", ")))"))
            }
            return .success(Array(file.text.utf8))
        }
        if isDirectory(path) { return .failure(Failure(reason: "is a directory")) }
        if regularFileOnly {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                return .failure(Failure(reason: "is not a regular file (a pipe, a device or a socket)"))
            }
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(Failure(reason: errno == EINTR ? "opening was interrupted" : describe(errno)))
        }
        defer { close(descriptor) }
        // Read in chunks up to one byte past the limit: works for pipes and
        // devices too, whose size stat does not know.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                // Only a slow device (a terminal, a pipe) is interrupted, and then by Ctrl-C.
                return .failure(Failure(reason: errno == EINTR ? "reading was interrupted" : describe(errno)))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
            if bytes.count > maxFileSize {
                return .failure(Failure(reason: "is larger than \(maxFileSize >> 20) MiB, the limit for one file; split it into several files"))
            }
        }
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(code))
        }
    }

    package static func isDirectory(_ path: String) -> Bool {
        if path.hasPrefix(bundledPrefix) { return false }
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The directory part of a path ("." when there is none).
    static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static var currentDirectory: String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }

    package static var homeDirectory: String {
        if let home = getenv("HOME") { return String(cString: home) }
        return "/"
    }

    /// The names in a directory (without "." and ".."), unsorted; nil when it cannot be read.
    package static func entries(of directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A path written in `file` (by `.input` or `:load`), as seen from the working directory.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix(bundledPrefix) { return path }
        if file.hasPrefix(bundledPrefix) { return bundledPrefix + path }
        let base = directory(of: file)
        return base == "." ? path : base + "/" + path
    }

    /// Typed entries, `-e` and piped input are named `<...>`: what they name
    /// the user asked for directly, so it is not confined.
    static func isTyped(_ sourcePath: String) -> Bool { sourcePath.hasPrefix("<") }

    /// The trust model: a file may name (with `.input` or `:load`) only files
    /// at or below its own directory, after symbolic links are followed; a
    /// bundled file only other bundled files. `written` is the path as the
    /// file has it, `resolved` the same seen from the working directory.
    /// nil when the path is allowed.
    static func confinementFailure(written: String, resolved: String, namedIn sourcePath: String) -> Failure? {
        if isTyped(sourcePath) { return nil }
        if sourcePath.hasPrefix(bundledPrefix) {
            return resolved.hasPrefix(bundledPrefix) ? nil : Failure(reason: "a bundled file may only name other bundled files")
        }
        if resolved.hasPrefix(bundledPrefix) { return nil }
        let base = directory(of: sourcePath)
        let shownBase = base == "." ? "the working directory" : "'\(displayPath(base))/'"
        let outside = Failure(reason: "it is outside \(shownBase); a file may only name files at or below its own directory (--allow-input-anywhere lifts this)")
        guard let realBase = realPath(base) else { return outside }
        // A missing file is reported by the read, with the usual reason, unless its path climbs out.
        guard let real = realPath(resolved) else { return staysBelow(written) ? nil : outside }
        if real == realBase || real.hasPrefix(realBase == "/" ? "/" : realBase + "/") { return nil }
        if staysBelow(written) {
            return Failure(reason: "it is a symbolic link (or goes through one) to '\(real)', outside \(shownBase); links out of a file's directory are refused (--allow-input-anywhere lifts this)")
        }
        return outside
    }

    /// For a file to write: as for a file to read, and the folder it goes
    /// into must be at or below the naming file's folder too, after links
    /// (a new file has no real path of its own to check).
    static func writeConfinementFailure(written: String, resolved: String, namedIn sourcePath: String) -> Failure? {
        if let failure = confinementFailure(written: written, resolved: resolved, namedIn: sourcePath) { return failure }
        return confinementFailure(written: directory(of: written), resolved: directory(of: resolved), namedIn: sourcePath)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether a relative path stays below its starting directory by its text alone.
    private static func staysBelow(_ written: String) -> Bool {
        guard !written.hasPrefix("/") else { return false }
        var depth = 0
        for component in written.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }

    /// Paths are shown as given, with a leading `./` removed.
    package static func displayPath(_ path: String) -> String {
        var shown = path
        while shown.hasPrefix("./") { shown.removeFirst(2) }
        return shown
    }
}
