/// Reads whole statements from standard input: lines are gathered until the
/// text ends with a '.' outside strings and comments (directives end at the
/// line's end). The libedit line editor replaces the plain reads on a
/// terminal in the REPL issue.
final class StatementReader {
    let prompt: String?
    let continuation: String?

    init(prompt: String?, continuation: String?) {
        self.prompt = prompt
        self.continuation = continuation
    }

    /// Without a prompt (a pipe), all of standard input is one script.
    func next() -> String? {
        guard prompt != nil else {
            var all: [String] = []
            while let line = readLine(strippingNewline: false) { all.append(line) }
            return all.isEmpty ? nil : all.joined()
        }
        var text = ""
        while true {
            Output.standard(text.isEmpty ? prompt! : continuation!)
            guard let line = readLine(strippingNewline: false) else {
                if !text.isEmpty { Output.standard("\n") }
                return text.isEmpty ? nil : text
            }
            text += line
            if StatementReader.isComplete(text) { return text }
        }
    }

    static func isComplete(_ text: String) -> Bool {
        var inString = false, escaped = false, inLineComment = false
        var last: Character = " "
        var previous: Character = " "
        for ch in text {
            if inLineComment {
                if ch == "\n" { inLineComment = false }
                continue
            }
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                last = ch
                continue
            }
            if ch == "\"" { inString = true } else if ch == "%" || (ch == "/" && previous == "/") { inLineComment = true; continue }
            if !ch.isWhitespace { last = ch }
            previous = ch
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return true }
        if trimmed.hasPrefix(".") && !trimmed.hasPrefix("..") { return true }
        return !inString && last == "."
    }
}
