/// Turns source bytes into tokens. Works on UTF-8 bytes for speed; any
/// non-ASCII byte may appear in identifiers, strings and comments.
/// Lexical errors are collected and lexing goes on.
package struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    /// Enough to show the parser's cap of errors and say where the rest start.
    private(set) var log = DiagnosticLog(limit: Parser.maxDiagnostics + 1)
    package var diagnostics: [Diagnostic] { log.kept }

    package init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        // A byte-order mark is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Lexing from `offset`, which must be where a token may start.
    init(file: SourceFile, at offset: Int) {
        self.init(file: file)
        position = max(position, offset)
    }

    package static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        tokenize(file, isCancelled: { false })!
    }

    /// nil when `isCancelled` turned true (Ctrl-C while loading a large file).
    package static func tokenize(_ file: SourceFile, isCancelled: () -> Bool) -> (tokens: [Token], diagnostics: [Diagnostic])? {
        var noFacts: GroundFacts? = nil
        return tokenize(file, facts: &noFacts, isCancelled: isCancelled).map { ($0.tokens, $0.log.kept) }
    }

    /// Tokens; when `facts` is given, ground facts at the start of a
    /// statement are read straight into it instead (see `scanGroundFacts`).
    static func tokenize(_ file: SourceFile, facts: inout GroundFacts?, isCancelled: () -> Bool) -> (tokens: [Token], log: DiagnosticLog)? {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        var startsStatement = true
        while true {
            if startsStatement, facts != nil, !lexer.scanGroundFacts(into: &facts!, isCancelled: isCancelled) { return nil }
            let token = lexer.next()
            tokens.append(token)
            switch token.kind {
            case .end: return (tokens, lexer.log)
            case .dot, .command, .questionMark: startsStatement = true
            default: startsStatement = false
            }
            if tokens.count & 0xFFFF == 0, isCancelled() { return nil }
        }
    }

    /// The fast path for bulk facts: reads `name(constant, ..., constant).`
    /// straight from the bytes, one fact after another, where a constant is a
    /// plain integer, a lower-case ASCII name or a string without escapes or
    /// non-ASCII bytes. At anything else (a decimal, a date, a comment inside
    /// the fact, a rule) it stops at that statement's start, and the general
    /// path reads it, giving the same clause. false when cancelled.
    private mutating func scanGroundFacts(into facts: inout GroundFacts, isCancelled: () -> Bool) -> Bool {
        var row: [Value] = []
        // Consecutive facts are nearly always of one relation: reuse its table.
        var last: (start: Int, length: Int, arity: Int, table: Int)? = nil
        var scanned = 0
        while true {
            skipTrivia()
            let start = position
            row.removeAll(keepingCapacity: true)
            guard let nameEnd = scanFact(into: &row) else {
                position = start
                return true
            }
            let length = nameEnd - start
            let table: Int
            if let last, last.length == length, last.arity == row.count,
               bytes[last.start ..< last.start + length].elementsEqual(bytes[start ..< nameEnd]) {
                table = last.table
            } else {
                let name = String(decoding: bytes[start ..< nameEnd], as: UTF8.self)
                table = facts.tableNumber(for: PredicateKey(name: name, arity: row.count))
            }
            last = (start, length, row.count, table)
            facts.append(row, toTable: table, start: start, end: position)
            scanned += 1
            if scanned & 0xFFF == 0, isCancelled() { return false }
        }
    }

    /// One fast-path fact at `position`: its values into `row` and the end of
    /// its name; nil (position undefined) when it is not one.
    private mutating func scanFact(into row: inout [Value]) -> Int? {
        let count = bytes.count
        func isLower(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
        func isNameByte(_ c: UInt8) -> Bool {
            isLower(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || isDigit(c) || c == UInt8(ascii: "_")
        }
        func skipBlanks(_ lexer: inout Lexer) {
            while lexer.position < count, lexer.bytes[lexer.position] == UInt8(ascii: " ") || lexer.bytes[lexer.position] == UInt8(ascii: "\t") {
                lexer.position += 1
            }
        }
        guard position < count, isLower(bytes[position]) else { return nil }
        while position < count, isNameByte(bytes[position]) { position += 1 }
        let nameEnd = position
        skipBlanks(&self)
        guard peek() == UInt8(ascii: "(") else { return nil }
        position += 1
        while true {
            skipBlanks(&self)
            guard position < count else { return nil }
            let c = bytes[position]
            let valueStart = position
            if isDigit(c) {
                var integer: Int64 = 0
                while position < count, isDigit(bytes[position]) {
                    guard position - valueStart < 18 else { return nil }
                    integer = integer * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
                    position += 1
                }
                row.append(.integer(integer))
            } else if isLower(c) {
                while position < count, isNameByte(bytes[position]) { position += 1 }
                row.append(.symbol(String(decoding: bytes[valueStart ..< position], as: UTF8.self)))
            } else if c == UInt8(ascii: "\"") {
                position += 1
                while position < count, bytes[position] != UInt8(ascii: "\"") {
                    let b = bytes[position]
                    guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\") else { return nil }
                    position += 1
                }
                guard position < count else { return nil }
                row.append(.string(String(decoding: bytes[valueStart + 1 ..< position], as: UTF8.self)))
                position += 1
            } else {
                return nil
            }
            skipBlanks(&self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: ")"):
                position += 1
                skipBlanks(&self)
                // `.name` would be a directive, not the end of this fact.
                guard peek() == UInt8(ascii: "."), !isLetter(peek(1)) else { return nil }
                position += 1
                return nameEnd
            default: return nil
            }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = position + offset
        return i < bytes.count ? bytes[i] : 0
    }

    private func span(from start: Int) -> SourceSpan {
        SourceSpan(file: file, start: start, end: position)
    }

    private mutating func error(_ message: String, from start: Int, to end: Int? = nil) {
        log.append(.error(message, at: SourceSpan(file: file, start: start, end: end ?? max(position, start + 1))))
    }

    package mutating func next() -> Token {
        // A loop, not recursion: a run of a million bad bytes is a million
        // skipped characters, and must not be a million stack frames.
        while true {
            if let token = scan() { return token }
        }
    }

    /// The next token, or nil after reporting (and skipping) a character
    /// that starts none.
    private mutating func scan() -> Token? {
        skipTrivia()
        let start = position
        guard position < bytes.count else { return Token(kind: .end, span: span(from: start)) }
        let c = bytes[position]
        func single(_ kind: Token.Kind, length: Int = 1) -> Token {
            position += length
            return Token(kind: kind, span: span(from: start))
        }
        switch c {
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "*"): return single(.star)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "="): return single(.compare(.equal), length: peek(1) == UInt8(ascii: "=") ? 2 : 1)
        case UInt8(ascii: "<"):
            return peek(1) == UInt8(ascii: "=") ? single(.compare(.lessOrEqual), length: 2) : single(.compare(.less))
        case UInt8(ascii: ">"):
            return peek(1) == UInt8(ascii: "=") ? single(.compare(.greaterOrEqual), length: 2) : single(.compare(.greater))
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") { return single(.compare(.notEqual), length: 2) }
        case UInt8(ascii: ":"):
            if isLetter(peek(1)) && startsLine(start) { return command() }
            return peek(1) == UInt8(ascii: "-") ? single(.implies, length: 2) : single(.colon)
        case UInt8(ascii: "?"):
            return peek(1) == UInt8(ascii: "-") ? single(.query, length: 2) : single(.questionMark)
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: "."):
            if isLetter(peek(1)) {
                position += 1
                let name = identifier()
                return Token(kind: .directive(name), span: span(from: start))
            }
            return single(.dot)
        case UInt8(ascii: "\""): return string()
        // 'DoD': a symbol as it comes (a CSV cell, any case, spaces).
        case UInt8(ascii: "'"): return string(quote: UInt8(ascii: "'"))
        case UInt8(ascii: "$"): return money()
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default:
            if c == UInt8(ascii: "_") || isLetter(c) {
                let name = identifier()
                let kind: Token.Kind
                if name == "_" {
                    kind = .anonymous
                } else if c == UInt8(ascii: "_") || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) {
                    kind = .variable(name)
                } else {
                    kind = .name(name)
                }
                return Token(kind: kind, span: span(from: start))
            }
        }
        // Skip a whole UTF-8 sequence so the message shows one character.
        position += 1
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        let shown = String(decoding: bytes[start..<position], as: UTF8.self)
        if c == 0 {
            error("unexpected NUL byte", from: start)
        } else if shown.unicodeScalars.first == "\u{FFFD}" {
            error("invalid UTF-8 byte 0x\(String(c, radix: 16, uppercase: true))", from: start)
        } else if let scalar = shown.unicodeScalars.first, scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            error("unexpected control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))", from: start)
        } else {
            error("unexpected character '\(shown)'", from: start)
        }
        return nil
    }

    /// Only blanks precede `position` on its line.
    private func startsLine(_ position: Int) -> Bool {
        var i = position - 1
        while i >= 0, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i -= 1 }
        return i < 0 || bytes[i] == UInt8(ascii: "\n") || (i == 2 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    /// `:name arguments` up to the end of the line; a `%` after a blank starts a comment.
    private mutating func command() -> Token {
        let start = position
        position += 1
        let name = identifier()
        let argumentsStart = position
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
            if bytes[end] == UInt8(ascii: "%"), end > argumentsStart, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { break }
            end += 1
        }
        var argumentsEnd = end
        while argumentsEnd > argumentsStart, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[argumentsEnd - 1]) {
            argumentsEnd -= 1
        }
        let arguments = String(decoding: bytes[argumentsStart..<argumentsEnd], as: UTF8.self)
        position = argumentsEnd
        let token = Token(kind: .command(name: name, arguments: arguments.trimmingBlanks()), span: span(from: start))
        position = end
        return token
    }

    private func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c >= 0xC2 && c <= 0xF4
    }

    private func isIdentifierByte(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || (c >= 0x80 && c < 0xC0)
    }

    private mutating func identifier() -> String {
        let start = position
        while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
        return decode(start..<position, what: "name")
    }

    /// The text of `range`; bytes that are not UTF-8 are an error at the first of them.
    private mutating func decode(_ range: Range<Int>, what: String) -> String {
        if let text = String(validating: bytes[range], as: UTF8.self) { return text }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let length = Lexer.sequenceLength(bytes, at: offset, end: range.upperBound)
            if length == 0 { break }
            offset += length
        }
        error("invalid UTF-8 byte 0x\(String(bytes[min(offset, range.upperBound - 1)], radix: 16, uppercase: true)) in a \(what)", from: offset)
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The length of the valid UTF-8 sequence at `offset`, or 0 when it is not valid.
    package static func sequenceLength(_ bytes: [UInt8], at offset: Int, end: Int) -> Int {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard offset + length <= end else { return 0 }
        return String(validating: bytes[offset..<offset + length], as: UTF8.self) == nil ? 0 : length
    }

    /// A comment inside a rule is shown with the rule (`:list`): a control
    /// character in it is an error, as anywhere else in a file.
    private mutating func rejectControls(_ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            let c1 = b == 0xC2 && i + 1 < range.upperBound && (0x80...0x9F).contains(bytes[i + 1])
            if (b < 0x20 && b != 0x09 && b != 0x0D) || b == 0x7F || c1 {
                let value = c1 ? UInt32(bytes[i + 1]) : UInt32(b)
                error("control character U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4)) in a comment", from: i, to: i + 1)
                return
            }
            i += 1
        }
    }

    private mutating func skipTrivia() {
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                position += 1
            } else if c == UInt8(ascii: "%") || (c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/")) {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                rejectControls(start..<position)
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                while position < bytes.count, !(bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
                    position += 1
                }
                if position >= bytes.count {
                    error("unterminated comment: '/*' has no closing '*/'", from: start, to: start + 2)
                    return
                }
                rejectControls(start..<position)
                position += 2
            } else {
                return
            }
        }
    }

    private mutating func string(quote: UInt8 = UInt8(ascii: "\"")) -> Token {
        let start = position
        let isSymbol = quote == UInt8(ascii: "'")
        position += 1
        var scalars = String.UnicodeScalarView()
        var rawStart = position
        func flush(_ lexer: inout Lexer) {
            if rawStart < lexer.position {
                scalars.append(contentsOf: lexer.decode(rawStart..<lexer.position, what: "string").unicodeScalars)
            }
        }
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                error(isSymbol ? "unterminated quoted symbol: add a closing \"'\"" : "unterminated string: add a closing '\"'", from: start, to: start + 1)
                flush(&self)
                return Token(kind: isSymbol ? .value(.symbol(String(scalars))) : .string(String(scalars)), span: span(from: start))
            }
            let c = bytes[position]
            if c == quote {
                flush(&self)
                position += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                flush(&self)
                let escapeStart = position
                position += 1
                switch peek() {
                case UInt8(ascii: "n"): scalars.append("\n"); position += 1
                case UInt8(ascii: "t"): scalars.append("\t"); position += 1
                case UInt8(ascii: "r"): scalars.append("\r"); position += 1
                case UInt8(ascii: "\""): scalars.append("\""); position += 1
                case UInt8(ascii: "'"): scalars.append("'"); position += 1
                case UInt8(ascii: "\\"): scalars.append("\\"); position += 1
                case UInt8(ascii: "u") where peek(1) == UInt8(ascii: "{"):
                    position += 2
                    let digitsStart = position
                    while position < bytes.count, position - digitsStart < 8, isHexDigit(bytes[position]) { position += 1 }
                    let digits = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
                    if peek() == UInt8(ascii: "}"), let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) {
                        position += 1
                        scalars.append(scalar)
                    } else {
                        error("invalid unicode escape: write \\u{1F600} with 1 to 8 hex digits of a valid code point", from: escapeStart)
                    }
                default:
                    position = min(position + 1, bytes.count)
                    error("unknown escape sequence; use \\n, \\t, \\r, \\\", \\\\ or \\u{...}", from: escapeStart)
                }
                rawStart = position
                continue
            }
            position += 1
        }
        let text = String(scalars)
        if text.utf8.contains(0) {
            error("NUL character in string", from: start)
        } else if let control = text.unicodeScalars.first(where: Lexer.isTerminalControl) {
            // Strings reach the terminal in answers, sentences and listings:
            // an escape sequence in one could clear the screen or retitle the window.
            error("control character U+\(String(control.value, radix: 16, uppercase: true).leftPadded(to: 4)) in a string: "
                  + "strings may hold \\n, \\t and \\r, but no other control character", from: start)
        }
        if isSymbol {
            if text.isEmpty { error("empty quoted symbol: a symbol needs at least one character", from: start) }
            return Token(kind: .value(.symbol(text)), span: span(from: start))
        }
        return Token(kind: .string(text), span: span(from: start))
    }

    /// C0 controls but tab, newline and carriage return; DEL; C1 controls.
    package static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
    }

    private func isHexDigit(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func digits() -> Substring {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        return Substring(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    /// Integers, decimals, dates, date-times and durations all start with a digit.
    private mutating func number() -> Token {
        let start = position
        // Plain integers (most of a bulk fact file) skip the string round trip.
        var end = position, integer: Int64 = 0
        while end < bytes.count, isDigit(bytes[end]), end - start < 18 {
            integer = integer * 10 + Int64(bytes[end] - UInt8(ascii: "0"))
            end += 1
        }
        let next = end < bytes.count ? bytes[end] : 0
        if end > start, !isDigit(next), next != UInt8(ascii: "-"), next != UInt8(ascii: "."), !isLetter(next), next != UInt8(ascii: ":") {
            position = end
            return Token(kind: .value(.integer(integer)), span: span(from: start))
        }
        let whole = digits()
        // Date: 2026-02-27, optionally T17:01
        if whole.count == 4, peek() == UInt8(ascii: "-"), isDigit(peek(1)) {
            return dateLiteral(start: start, year: whole)
        }
        var text = whole
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            position += 1
            text += "." + digits()
        }
        guard let value = Exact(parsing: text) else {
            error("number \(text) is too large (integers are 64-bit, decimals have at most 18 fractional digits)", from: start)
            return Token(kind: .value(.integer(0)), span: span(from: start))
        }
        if isLetter(peek()) {
            let unitStart = position
            let unit = identifier()
            let minutesPerUnit: [String: Int64] = ["min": 1, "h": 60, "d": 1440, "w": 10080]
            guard let factor = minutesPerUnit[unit] else {
                error("unknown duration unit '\(unit)'; use min, h, d or w (as in 90min, 72h, 3d, 2w)", from: unitStart)
                return Token(kind: .value(.duration(0)), span: span(from: start))
            }
            guard let minutes = value * Exact(factor) else {
                error("duration \(text)\(unit) is too large", from: start)
                return Token(kind: .value(.duration(0)), span: span(from: start))
            }
            let (whole, exact) = minutes.truncated
            if !exact { error("duration \(text)\(unit) is not a whole number of minutes", from: start) }
            return Token(kind: .value(.duration(whole)), span: span(from: start))
        }
        return Token(kind: .value(.number(value)), span: span(from: start))
    }

    private mutating func dateLiteral(start: Int, year: Substring) -> Token {
        position += 1
        let month = digits()
        guard month.count == 2, peek() == UInt8(ascii: "-"), isDigit(peek(1)) else {
            error("malformed date: write YYYY-MM-DD", from: start)
            return Token(kind: .value(.date(0)), span: span(from: start))
        }
        position += 1
        let day = digits()
        let (y, m, d) = (Int64(year)!, Int64(month)!, Int64(day) ?? 0)
        guard day.count == 2, CivilDate.isValid(year: y, month: m, day: d) else {
            error("invalid date \(year)-\(month)-\(day)", from: start)
            return Token(kind: .value(.date(0)), span: span(from: start))
        }
        let days = CivilDate.days(year: y, month: m, day: d)
        guard peek() == UInt8(ascii: "T"), isDigit(peek(1)) else {
            return Token(kind: .value(.date(days)), span: span(from: start))
        }
        position += 1
        let hour = digits()
        guard hour.count == 2, peek() == UInt8(ascii: ":") else {
            error("malformed date-time: write YYYY-MM-DDTHH:MM", from: start)
            return Token(kind: .value(.date(days)), span: span(from: start))
        }
        position += 1
        let minute = digits()
        guard minute.count == 2, let h = Int64(hour), let mi = Int64(minute), h < 24, mi < 60 else {
            error("invalid time of day \(hour):\(minute)", from: start)
            return Token(kind: .value(.date(days)), span: span(from: start))
        }
        return Token(kind: .value(.datetime(days * 1440 + h * 60 + mi)), span: span(from: start))
    }

    /// `$200M`, `$1.5B`, `$250K`, `$12.50`, `$200,000,000`.
    private mutating func money() -> Token {
        let start = position
        position += 1
        guard isDigit(peek()) else {
            error("malformed money: write $200M, $1.5B, $250K, $12.50 or $200,000,000", from: start)
            return Token(kind: .value(.money(Exact(0))), span: span(from: start))
        }
        var text = digits()
        var grouped = false
        while peek() == UInt8(ascii: ","), isDigit(peek(1)), isDigit(peek(2)), isDigit(peek(3)), !isDigit(peek(4)) {
            position += 1
            text += digits()
            grouped = true
        }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            position += 1
            text += "." + digits()
        }
        var multiplier: Int64 = 1
        switch peek() {
        case UInt8(ascii: "K"): multiplier = 1_000; position += 1
        case UInt8(ascii: "M"): multiplier = 1_000_000; position += 1
        case UInt8(ascii: "B"): multiplier = 1_000_000_000; position += 1
        default: break
        }
        if grouped && multiplier != 1 {
            error("money with digit groups takes no K/M/B suffix", from: start)
        }
        if isIdentifierByte(peek()) {
            let suffixStart = position
            _ = identifier()
            error("unknown money suffix; use K, M or B", from: suffixStart)
        }
        guard let amount = Exact(parsing: text), let value = amount * Exact(multiplier) else {
            error("amount is too large", from: start)
            return Token(kind: .value(.money(Exact(0))), span: span(from: start))
        }
        return Token(kind: .value(.money(value)), span: span(from: start))
    }
}

extension String {
    package func trimmingBlanks() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}

extension String {
    package func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
