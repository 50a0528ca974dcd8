/// A loaded piece of source text. Spans point into it, so every diagnostic
/// can show its line and a caret without the caller keeping the text around.
package final class SourceFile: Sendable {
    package let path: String
    package let bytes: [UInt8]
    /// Byte offsets at which each line starts (line 1 at index 0).
    package let lineStarts: [Int]

    package convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The first line longer than `limit` bytes: its number and length.
    func firstLine(longerThan limit: Int) -> (line: Int, length: Int)? {
        for (index, start) in lineStarts.enumerated() {
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
            if end - start > limit { return (index + 1, end - start) }
        }
        return nil
    }

    /// 1-based line and column (columns count characters, not bytes).
    package func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let end = min(max(offset, start), bytes.count)
        let column = String(decoding: bytes[start..<end], as: UTF8.self).count + 1
        return (low + 1, column)
    }

    /// The text of a 1-based line, without its line ending.
    package func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    package func text(of span: SourceSpan) -> String {
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A byte range in a source file.
package struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    package let file: SourceFile
    package let start: Int
    package let end: Int

    package init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = end
    }

    package func to(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    package var line: Int { file.location(of: start).line }
    package var column: Int { file.location(of: start).column }

    /// `path:line:col`, as diagnostics and explanations print it.
    package var description: String {
        let (line, column) = file.location(of: start)
        return "\(file.path):\(line):\(column)"
    }

    package var text: String { file.text(of: self) }

    package static func == (a: SourceSpan, b: SourceSpan) -> Bool {
        a.file === b.file && a.start == b.start && a.end == b.end
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(start)
        hasher.combine(end)
    }
}
