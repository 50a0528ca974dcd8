import RedlineLanguage
import RedlineEngine
import RedlineSession
/// Tab completion in context, from the text before the cursor:
/// `:commands` and statements at the start of an entry, a command's
/// arguments (files, topics, settings), predicate names in bodies and
/// queries, constants of the column being typed, variables already used.
package enum Completer {
    package struct Result: Equatable, Sendable {
        /// The characters before the cursor that the candidates replace.
        package let word: String
        /// Full replacements for `word`, sorted; directories end with '/'.
        package let candidates: [String]
    }

    static let statementWords = ["what if", "what would flip", "what matters for", "what moves", "why", "why not", "why likely", "scenario",
                                 "compare", "assume", "use", "expect", "timeline", "how likely", "given"]

    /// `line` is the current line up to the cursor; `pending` the earlier
    /// lines of the same entry.
    package static func complete(line: String, pending: String = "", session: Session) -> Result {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if pending.isEmpty, trimmed.hasPrefix(":") {
            return completeCommand(String(trimmed.dropFirst()), session: session)
        }
        let text = pending + line
        let word = String(text.reversed().prefix { isWordCharacter($0) }.reversed())
        let before = String(text.dropLast(word.count))
        if let first = word.first, first.isUppercase || first == "_" {
            let variables = Set(Lexer.tokenize(SourceFile(path: "", text: before)).tokens.compactMap { token -> String? in
                if case .variable(let name) = token.kind { return name }
                return nil
            })
            return Result(word: word, candidates: matching(word, variables))
        }
        let statementText = currentStatement(before)
        let words = statementText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," })
        if let keyword = words.first, keyword == "use" || keyword == "compare", !statementText.contains("(") {
            return Result(word: word, candidates: matching(word, scenarioNames(session)))
        }
        if let (predicate, argument) = openArgument(statementText) {
            return Result(word: word, candidates: matching(word, constants(of: predicate, at: argument, session: session)))
        }
        var candidates = predicateNames(session)
        if statementText.allSatisfy(\.isWhitespace) {
            candidates += statementWords
        } else {
            candidates.append("not")
        }
        return Result(word: word, candidates: matching(word, candidates))
    }

    static func completeCommand(_ text: String, session: Session) -> Result {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return Result(word: ":" + text, candidates: matching(":" + text, CommandTable.all.map { ":" + $0.name }))
        }
        let name = String(text[..<space])
        let arguments = String(text[space...])
        guard let command = CommandTable.command(named: name) else { return Result(word: "", candidates: []) }
        let word = String(arguments.reversed().prefix { $0 != " " && $0 != "\t" }.reversed())
        switch command.completion {
        case .none: return Result(word: word, candidates: [])
        case .files: return Result(word: word, candidates: files(matching: word))
        case .words(let words):
            if name == "set", arguments.trimmingBlanks().hasPrefix("format") {
                return Result(word: word, candidates: matching(word, OutputFormat.allCases.map(\.rawValue)))
            }
            if name == "set", arguments.trimmingBlanks().hasPrefix("rows") {
                return Result(word: word, candidates: matching(word, ["all"]))
            }
            return Result(word: word, candidates: matching(word, words))
        case .helpTopics:
            let topic = arguments.trimmingBlanks()
            return Result(word: topic, candidates: matching(topic, HelpTopics.names))
        case .scenarios: return Result(word: word, candidates: matching(word, scenarioNames(session)))
        case .predicates: return Result(word: word, candidates: matching(word, predicateNames(session)))
        }
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    static func matching(_ prefix: String, _ candidates: some Sequence<String>) -> [String] {
        Set(candidates.filter { $0.hasPrefix(prefix) }).sorted()
    }

    /// The text after the last statement-ending '.'.
    static func currentStatement(_ text: String) -> String {
        var start = text.startIndex
        var index = text.startIndex
        var depth = 0
        var inString = false
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "(" || c == "{" {
                depth += 1
            } else if c == ")" || c == "}" {
                depth -= 1
            } else if c == ".", depth == 0 {
                let next = text.index(after: index)
                if next == text.endIndex || text[next].isWhitespace { start = next }
            }
            index = text.index(after: index)
        }
        return String(text[start...])
    }

    /// The predicate whose argument list the cursor is in, and the argument's position.
    static func openArgument(_ text: String) -> (String, Int)? {
        var stack: [(name: String, commas: Int)] = []
        var word = ""
        var inString = false
        for c in text {
            if inString {
                if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "(":
                stack.append((word, 0))
                word = ""
            case ")":
                _ = stack.popLast()
                word = ""
            case "{":
                stack.append(("", 0))
                word = ""
            case "}":
                _ = stack.popLast()
                word = ""
            case ",":
                if !stack.isEmpty { stack[stack.count - 1].commas += 1 }
                word = ""
            default:
                if isWordCharacter(c) { word.append(c) } else { word = "" }
            }
        }
        guard let innermost = stack.last, let first = innermost.name.first, first.isLowercase else { return nil }
        return (innermost.name, innermost.commas)
    }

    static func predicateNames(_ session: Session) -> [String] {
        var names = Set(session.written.clauses.map(\.head.predicate)).union(session.written.factKeys.map(\.name))
        names.formUnion(session.leverKeys.map(\.name))
        names.formUnion(session.written.relations.keys)
        names.insert("today")
        return names.sorted()
    }

    /// Constants the engine knows for one column: written in facts, and
    /// derived ones when a model is already at hand (Tab never evaluates);
    /// in a lever, those a flip search may put there too.
    static func constants(of predicate: String, at position: Int, session: Session) -> [String] {
        var values = Set<String>()
        for key in session.leverKeys where key.name == predicate && position < key.arity {
            for value in session.constants(for: key, column: position) { values.insert(value.description) }
        }
        for (_, table) in session.written.factTables where table.key.name == predicate && position < table.key.arity {
            for row in 0..<table.count { values.insert(table.row(row)[table.row(row).startIndex + position].description) }
        }
        if let model = session.evaluatedModel {
            for key in model.relationKeys where key.name == predicate && position < key.arity {
                for tuple in model.tuples(of: key).prefix(10_000) { values.insert(tuple[position].description) }
            }
        }
        return values.sorted()
    }

    static func scenarioNames(_ session: Session) -> [String] {
        ["baseline"] + session.scenarios.map(\.name)
    }

    static func files(matching word: String) -> [String] {
        let expanded = word.hasPrefix("~/") ? FileReading.homeDirectory + word.dropFirst() : word
        let slash = expanded.lastIndex(of: "/")
        let directory = slash.map { String(expanded[...$0]) } ?? ""
        let partial = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        guard let entries = FileReading.entries(of: directory.isEmpty ? "." : directory) else { return [] }
        let shownDirectory = word.lastIndex(of: "/").map { String(word[...$0]) } ?? ""
        var out: [String] = []
        // A name with a control character in it is not offered: the line editor would print it raw.
        for entry in entries where entry.hasPrefix(partial) && (partial.hasPrefix(".") || !entry.hasPrefix("."))
            && !entry.unicodeScalars.contains(where: Lexer.isTerminalControl) {
            out.append(shownDirectory + entry + (FileReading.isDirectory(directory + entry) ? "/" : ""))
        }
        return out.sorted()
    }
}
