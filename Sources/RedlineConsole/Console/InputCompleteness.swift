import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Decides when typed lines make a whole entry: a statement ends with a
/// '.' (a question also with a '?') outside strings, comments and brackets; a `:command` or a
/// `.directive` ends with its line. Unbalanced closing brackets end the
/// entry too, so the parser can report them instead of waiting for more.
package enum InputCompleteness {
    package static func isComplete(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var depth = 0
        var pending = false
        var atLineStart = true
        func peek(_ k: Int) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }
        func skipLine() { while i < chars.count, chars[i] != "\n" { i += 1 } }
        while i < chars.count {
            let c = chars[i]
            if atLineStart && !pending && depth == 0 {
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if (c == ":" || c == "."), let next = peek(1), next.properties.isAlphabetic {
                    skipLine()
                    continue
                }
            }
            atLineStart = c == "\n"
            switch c {
            case "%":
                skipLine()
            case "/" where peek(1) == "/":
                skipLine()
            case "/" where peek(1) == "*":
                i += 2
                while i < chars.count, !(chars[i] == "*" && peek(1) == "/") { i += 1 }
                if i >= chars.count { return false }
                i += 2
                continue
            case "\"":
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\" { i += 1 }
                    i += 1
                }
                if i >= chars.count { return false }
                pending = true
            case "(", "{", "[":
                depth += 1
                pending = true
            case ")", "}", "]":
                depth -= 1
                if depth < 0 { return true }
                pending = true
            case ".", "?":
                let next = peek(1)
                if c == "?", next == "-" {
                    pending = true
                } else if depth == 0, next == nil || next == " " || next == "\n" || next == "\t" || next == "\r" || next == "%" {
                    pending = false
                } else {
                    pending = true
                }
            case " ", "\t", "\r", "\n":
                break
            default:
                pending = true
            }
            i += 1
        }
        return !pending && depth == 0
    }
}

extension InputCompleteness {
    /// Only blanks and comments.
    package static func isBlank(_ text: String) -> Bool {
        Lexer.tokenize(SourceFile(path: "", text: text)).tokens.count == 1
    }

    /// A multi-line entry as one history line: line comments dropped, lines
    /// joined with a space, so Up brings the whole statement back at once.
    package static func historyLine(_ entry: String) -> String {
        var lines: [String] = []
        for line in entry.split(separator: "\n", omittingEmptySubsequences: true) {
            var kept = ""
            var inString = false
            var previous: Character = " "
            for c in line {
                if inString {
                    if c == "\"" && previous != "\\" { inString = false }
                } else if c == "\"" {
                    inString = true
                } else if c == "%" || (c == "/" && previous == "/") {
                    if c == "/" { kept.removeLast() }
                    break
                }
                kept.append(c)
                previous = c
            }
            let trimmed = kept.trimmingBlanks()
            if !trimmed.isEmpty { lines.append(trimmed) }
        }
        return lines.joined(separator: " ")
    }
}
