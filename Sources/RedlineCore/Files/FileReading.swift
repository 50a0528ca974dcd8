import Foundation

/// File access for loading: reads bytes, and turns paths into the short
/// form diagnostics print.
enum FileReading {
    /// Names the files of `Knowledge/` compiled into the binary: `bundled:ultimatum.rl`.
    static let bundledPrefix = "bundled:"

    static func read(_ path: String) -> [UInt8]? {
        if path.hasPrefix(bundledPrefix) {
            let name = path.dropFirst(bundledPrefix.count)
            return BundledKnowledge.files.first { $0.name == name }.map { Array($0.text.utf8) }
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    static func isDirectory(_ path: String) -> Bool {
        if path.hasPrefix(bundledPrefix) { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// A path written in `file` (by `.input` or `:load`), as seen from the working directory.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix(bundledPrefix) { return path }
        if file.hasPrefix(bundledPrefix) { return bundledPrefix + path }
        let base = directory(of: file)
        return base == "." ? path : base + "/" + path
    }

    /// Paths are shown as given, with a leading `./` removed.
    static func displayPath(_ path: String) -> String {
        var shown = path
        while shown.hasPrefix("./") { shown.removeFirst(2) }
        return shown
    }
}
