import RedlineLanguage
import RedlineEngine
/// `.input rel "file.csv"`: reads a CSV file with a header row into facts,
/// parsing each cell by its declared column type. Every bad cell is reported
/// with the CSV file's line and column.
enum CSVInput {
    static func load(_ input: InputDeclaration, declaration: RelationDeclaration, relativeTo sourcePath: String,
                     confined: Bool, isCancelled: () -> Bool = { false }) -> (facts: GroundFacts?, diagnostics: [Diagnostic]) {
        let path = FileReading.resolve(input.path, relativeTo: sourcePath)
        if confined, let refusal = FileReading.confinementFailure(written: input.path, resolved: path, namedIn: sourcePath) {
            return (nil, [.error("will not read CSV file '\(input.path)': \(refusal.reason)", at: input.span)])
        }
        let bytes: [UInt8]
        switch FileReading.read(path, regularFileOnly: true) {
        case .success(let read): bytes = read
        case .failure(let failure):
            return (nil, [.error("cannot read CSV file '\(input.path)' (looked for \(path)): \(failure.reason)", at: input.span)])
        }
        let file = SourceFile(path: FileReading.displayPath(path), bytes: bytes)
        if String(validating: bytes, as: UTF8.self) == nil {
            var offset = 0
            while offset < bytes.count {
                let length = Lexer.sequenceLength(bytes, at: offset, end: bytes.count)
                if length == 0 { break }
                offset += length
            }
            let byte = String(bytes[min(offset, bytes.count - 1)], radix: 16, uppercase: true)
            return (nil, [.error("invalid UTF-8 byte 0x\(byte) in CSV file '\(input.path)'",
                                at: SourceSpan(file: file, start: offset, end: min(offset + 1, bytes.count)),
                                notes: [.init("read by this .input", at: input.span)])])
        }
        // Cells reach the terminal in answers: no escape sequence may ride in one.
        if let offset = CSVInput.firstControl(in: bytes) {
            let value = bytes[offset] == 0xC2 ? UInt32(bytes[offset + 1]) : UInt32(bytes[offset])
            return (nil, [.error("control character U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4)) in CSV file '\(input.path)'",
                                at: SourceSpan(file: file, start: offset, end: offset + 1),
                                notes: [.init("read by this .input", at: input.span)])])
        }
        let (records, failure) = CSVReader.records(bytes, isCancelled: isCancelled)
        // The caller knows why it stopped, and loads nothing.
        if failure?.stopped == true { return (nil, []) }
        guard let header = records.first?.fields else {
            if let failure {
                return (nil, [.error("malformed CSV near line \(failure.line): \(failure.message)", at: lineSpan(file, line: failure.line))])
            }
            return (nil, [.error("CSV file '\(input.path)' is empty; it needs a header row", at: input.span)])
        }
        // A file of bad rows holds a hundred messages, not a message per row.
        var log = DiagnosticLog(limit: CSVInput.maxErrors)
        let names = declaration.columns.map(\.name)
        let trimmed = header.map { $0.trimmingBlanks() }
        var order = Array(names.indices)
        // Column names match whatever their case: an export of `exposure(V, T)` heads its columns V and T.
        let lowered = trimmed.map { $0.lowercased() }, wanted = names.map { $0.lowercased() }
        if Set(lowered) == Set(wanted), lowered.count == wanted.count, Set(wanted).count == wanted.count {
            order = wanted.map { lowered.firstIndex(of: $0)! }
        } else if trimmed.count == names.count {
            log.append(.warning("header of '\(input.path)' (\(trimmed.joined(separator: ", "))) does not name the columns of '\(declaration.name)' (\(names.joined(separator: ", "))); reading them by position",
                                        at: lineSpan(file, line: 1)))
        } else {
            return (nil, [.error("CSV file '\(input.path)' has \(trimmed.count) columns but '\(declaration.name)' is declared with \(names.count) (\(names.joined(separator: ", ")))",
                                at: lineSpan(file, line: 1), notes: [.init("declared here", at: declaration.span)])])
        }
        var facts = GroundFacts(file: file, origin: .csv)
        let table = facts.tableNumber(for: PredicateKey(name: declaration.name, arity: names.count))
        var values: [Value] = []
        // A relation holds a row once: an exact repeat is dropped, and said
        // so (three rows where two count would be a silent wrong total).
        var rowByHash: [Int: [Int]] = [:]
        var repeats = 0, firstRepeat: (line: Int, of: Int)?
        var lineOfRow: [Int] = []
        // With skip_bad_rows, a row with a bad cell or the wrong number of
        // cells is left out and counted; the rest of the file loads.
        var skipped: [Int] = [], firstSkip: Diagnostic?
        func reject(_ diagnostic: Diagnostic, line: Int) {
            guard input.skipBadRows else { return log.append(diagnostic) }
            if skipped.last != line { skipped.append(line) }
            if firstSkip == nil { firstSkip = diagnostic }
        }
        for (number, record) in records.dropFirst().enumerated() {
            if number & 0xFFF == 0xFFF, isCancelled() { return (nil, []) }
            let row = record.fields, rowLine = record.line
            if row.count == 1 && row[0].isEmpty { continue }
            let span = lineSpan(file, line: rowLine)
            guard row.count == names.count else {
                reject(.error("row has \(row.count) cells; expected \(names.count)", at: span), line: rowLine)
                continue
            }
            values.removeAll(keepingCapacity: true)
            for (position, column) in declaration.columns.enumerated() {
                let cellIndex = order[position]
                switch parseCell(row[cellIndex], as: column.type, quoted: record.quoted.contains(cellIndex)) {
                case .success(let value): values.append(value)
                case .failure(let message):
                    let cellSpan = self.cellSpan(file, line: rowLine, cell: cellIndex) ?? span
                    reject(.error("column '\(column.name)': \(message.text)", at: cellSpan), line: rowLine)
                }
            }
            guard values.count == names.count else { continue }
            let hash = values.hashValue
            if let earlier = rowByHash[hash]?.first(where: { facts.tables[table].row($0).elementsEqual(values) }) {
                repeats += 1
                if firstRepeat == nil { firstRepeat = (rowLine, lineOfRow[earlier]) }
                continue
            }
            rowByHash[hash, default: []].append(facts.tables[table].count)
            lineOfRow.append(rowLine)
            facts.append(values, toTable: table, start: span.start, end: span.end)
        }
        if let failure {
            log.append(.error("malformed CSV near line \(failure.line): \(failure.message)", at: lineSpan(file, line: failure.line)))
        }
        var diagnostics = log.kept
        if let firstSkip, let first = skipped.first {
            let lines = skipped.prefix(10).map(String.init).joined(separator: ", ") + (skipped.count > 10 ? ", ..." : "")
            diagnostics.append(.warning("skipped \(count(skipped.count, "bad row")) of '\(input.path)' (skip_bad_rows): line\(skipped.count == 1 ? "" : "s") \(lines)",
                                        at: lineSpan(file, line: first),
                                        notes: [.init("the first: \(firstSkip.message)", at: firstSkip.span)]))
        }
        if let firstRepeat {
            diagnostics.append(.warning("\(count(repeats, "row")) of '\(input.path)' \(repeats == 1 ? "repeats an earlier row exactly and was" : "repeat an earlier row exactly and were") dropped (a relation holds each row once); the first is line \(firstRepeat.line), the same as line \(firstRepeat.of)",
                                        at: lineSpan(file, line: firstRepeat.line),
                                        notes: [.init("to count each row, give the relation a column that tells them apart (a row number or an id)")]))
        }
        if log.count > log.limit, let last = diagnostics.last?.span {
            let rest = log.count - log.limit
            diagnostics.append(.error("\(rest) more error\(rest == 1 ? "" : "s") in '\(input.path)' after this one not shown", at: last))
        }
        return (facts, diagnostics)
    }

    /// Errors shown per CSV file; past them, a count.
    static let maxErrors = 100

    struct CellError: Error { let text: String }

    /// The offset of the first C0 control other than tab, newline and
    /// carriage return, DEL, or C1 control (UTF-8 C2 80 to C2 9F), if any.
    static func firstControl(in bytes: [UInt8]) -> Int? {
        for (offset, byte) in bytes.enumerated() {
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return offset }
            if byte == 0x7F { return offset }
            if byte == 0xC2, offset + 1 < bytes.count, (0x80...0x9F).contains(bytes[offset + 1]) { return offset }
        }
        return nil
    }

    /// A cell as a value of the column's type. Blanks around a cell are
    /// dropped, but for a string, and for a symbol written in quotes.
    static func parseCell(_ raw: String, as type: ColumnType, quoted: Bool = false) -> Result<Value, CellError> {
        let cell = raw.trimmingBlanks()
        switch type {
        case .string:
            return .success(.string(raw))
        case .symbol:
            guard !cell.isEmpty else { return .failure(CellError(text: "empty cell; a symbol is needed")) }
            return .success(.symbol(quoted ? raw : cell))
        default:
            break
        }
        guard !cell.isEmpty else { return .failure(CellError(text: "empty cell; \(type.rawValue) expected")) }
        if let value = Value.literal(cell), type.accepts(value) { return .success(value) }
        if type == .money, let amount = Exact(parsing: Substring(cell.replacing(",", with: ""))) {
            return .success(.money(amount))
        }
        if type == .any || type == .term {
            if let value = Value.literal(cell) { return .success(value) }
            // A term as the language writes it (`f(x, "y,z")`), which `:export` writes.
            if type == .term, let term = Value.groundTerm(cell) { return .success(term) }
            return .success(Value.isPlainSymbol(cell) ? .symbol(cell) : .string(cell))
        }
        let forms = CSVInput.acceptedForms[type].map { "; write it as \($0)" } ?? ""
        return .failure(CellError(text: "'\(cell)' is not \(article(type)) \(type.rawValue)\(forms)"))
    }

    /// What a cell of each type may hold, for the error that says it does not.
    static let acceptedForms: [ColumnType: String] = [
        .money: "$1.2M, $250K, $1,200,000.50 or 1200000",
        .date: "2026-03-01",
        .datetime: "2026-03-01T09:30",
        .duration: "14d, 36h, 90m or 2w",
        .integer: "a whole number, such as 1200000",
        .decimal: "a number, such as 12.5",
        .number: "a number, such as 12.5 or 1200000",
    ]

    private static func article(_ type: ColumnType) -> String {
        ["integer", "any"].contains(type.rawValue) ? "an" : "a"
    }

    static func lineSpan(_ file: SourceFile, line: Int) -> SourceSpan {
        let start = line - 1 < file.lineStarts.count ? file.lineStarts[line - 1] : file.bytes.count
        var end = start
        while end < file.bytes.count, file.bytes[end] != UInt8(ascii: "\n"), file.bytes[end] != UInt8(ascii: "\r") { end += 1 }
        return SourceSpan(file: file, start: start, end: max(end, start))
    }

    /// The span of the n-th cell of a line (commas inside quotes skipped).
    static func cellSpan(_ file: SourceFile, line: Int, cell: Int) -> SourceSpan? {
        let whole = lineSpan(file, line: line)
        var index = 0, quoted = false, start = whole.start
        for offset in whole.start..<whole.end {
            let byte = file.bytes[offset]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: ","), !quoted {
                if index == cell { return SourceSpan(file: file, start: start, end: offset) }
                index += 1
                start = offset + 1
            }
        }
        return index == cell ? SourceSpan(file: file, start: start, end: whole.end) : nil
    }
}
