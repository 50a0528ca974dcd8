public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Turns results and diagnostics into the text of one output format.
public protocol OutputRenderer {
    func render(_ outcome: StatementOutcome) -> String
    func render(_ diagnostics: [Diagnostic]) -> String
    /// Whether diagnostics go to standard output (JSON Lines) or standard error.
    var diagnosticsOnStandardOutput: Bool { get }
}

extension OutputFormat {
    public var renderer: OutputRenderer {
        switch self {
        case .text: return TextRenderer()
        case .json: return JSONRenderer()
        }
    }
}
