import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop: reads whole entries with libedit (a statement
/// continues until its final '.'), hands them to the console, and keeps
/// the history file.
struct REPL {
    let console: Console
    static let prompt = "redline> "
    static let continuation = "     ... "

    func run() {
        Interrupts.install()
        let editor = LineEditor(program: "redline", historyPath: REPL.historyPath())
        var pending = ""
        editor.complete = { [console] line in
            Completer.complete(line: line, pending: pending, session: console.session)
        }
        while !console.quitRequested {
            // A Ctrl-C from here on belongs to this entry: at the prompt it
            // discards the line; after Enter it stops the evaluation.
            Interrupts.clear()
            switch editor.read(prompt: pending.isEmpty ? prompt : REPL.continuation) {
            case .interrupted:
                // Ctrl-C discards the half-typed entry.
                pending = ""
                Output.standard("\n")
            case .end:
                if !pending.isEmpty { Output.standard("\n") }
                Output.standard("\n")
                return
            case .line(let line):
                pending += line.hasSuffix("\n") ? line : line + "\n"
                guard InputCompleteness.isComplete(pending) else { continue }
                let entry = pending
                pending = ""
                guard !InputCompleteness.isBlank(entry) else { continue }
                editor.remember(InputCompleteness.historyLine(entry))
                console.options.width = Terminal.width
                console.submit(entry)
            }
        }
    }

    /// `redline> ` in the baseline; the world's name otherwise: `redline (comply + 1 assumption)> `.
    var prompt: String {
        let world = console.session.worldDescription
        return world == "baseline" ? REPL.prompt : "redline (\(world))> "
    }

    /// `$XDG_STATE_HOME/redline/history`, else `~/.redline_history`; nil without a home.
    static func historyPath() -> String? {
        if let explicit = Terminal.environment("REDLINE_HISTORY") { return explicit }
        if let state = Terminal.environment("XDG_STATE_HOME") {
            let directory = state + "/redline"
            mkdir(state, 0o700)
            mkdir(directory, 0o700)
            return directory + "/history"
        }
        guard let home = Terminal.environment("HOME") else { return nil }
        return home + "/.redline_history"
    }
}
