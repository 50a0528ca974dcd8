import RedlineLanguage
import RedlineEngine
import RedlineSession
package enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, markdown, dot, csv
}

/// How output fits where it goes: a terminal's width, a row limit for long
/// answers, colour. Batch output uses the defaults: no limits, no colour.
package struct RenderOptions: Sendable {
    /// Columns available; nil means unlimited.
    package var width: Int?
    /// Rows shown per table before a "more" line; nil shows every row.
    package var rowLimit: Int?
    package var colour: Bool
    /// Repeat each statement above its answer: useful in transcripts, noise at the prompt.
    package var echo: Bool
    /// Probabilities as `42.5%` (the default) or as numbers (`:set likelihood exact`).
    package var likelihood = LikelihoodDisplay.percent

    package init(width: Int? = nil, rowLimit: Int? = nil, colour: Bool = false, echo: Bool = true) {
        self.width = width
        self.rowLimit = rowLimit
        self.colour = colour
        self.echo = echo
    }
}

/// How a probability is written in tables.
package enum LikelihoodDisplay: String, Sendable, CaseIterable {
    /// `42.5%`: a percentage to one decimal.
    case percent
    /// `0.425`: the number, to six decimals.
    case exact
}

extension QueryAnswer {
    /// The rows as text cells, each column in its style; `numbers` keeps
    /// probabilities as the numbers they are (CSV).
    func cells(_ options: RenderOptions, numbers: Bool = false, plain: (Value) -> String = { $0.description }) -> [[String]] {
        guard !styles.isEmpty else { return rows.map { $0.map(plain) } }
        return rows.map { row in
            row.enumerated().map { column, value in
                switch styles[column] {
                case .likelihood?:
                    guard !numbers, case .number(let number) = value, let p = Double(number.decimalString) else { return plain(value) }
                    return options.likelihood == .percent ? Session.percent(p) : Session.decimal(p, places: 6)
                case .text?:
                    if case .string(let text) = value { return text }
                    return plain(value)
                case nil:
                    return plain(value)
                }
            }
        }
    }
}

/// Rows of text cells with a header: command output such as `:preds`.
package struct ResultTable: Sendable {
    package let title: String
    package let columns: [String]
    package let rows: [[String]]

    package init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// Turns results and diagnostics into the text of one output format.
package protocol OutputRenderer {
    func render(_ outcome: StatementOutcome) -> String
    func render(_ diagnostics: [Diagnostic]) -> String
    func render(_ table: ResultTable) -> String
    /// A line of prose from a command (`loaded 2 files`, `undid :at 2026-03-01`).
    func render(message: String) -> String
    /// Whether diagnostics go to standard output (JSON Lines) or standard error.
    var diagnosticsOnStandardOutput: Bool { get }
}

extension OutputFormat {
    package func renderer(_ options: RenderOptions = RenderOptions()) -> OutputRenderer {
        switch self {
        case .text: return TextRenderer(options: options)
        case .json: return JSONRenderer()
        case .markdown: return MarkdownRenderer(options: options)
        case .dot: return DotRenderer(options: options)
        case .csv: return CSVRenderer(options: options)
        }
    }
}

/// Renderers for people: diagnostics are text with excerpts, on standard error.
package protocol TextDiagnosticsRenderer: OutputRenderer {
    var options: RenderOptions { get }
}

extension TextDiagnosticsRenderer {
    package var diagnosticsOnStandardOutput: Bool { false }

    package func render(_ diagnostics: [Diagnostic]) -> String {
        DiagnosticRenderer.render(diagnostics, colour: options.colour)
    }
}
