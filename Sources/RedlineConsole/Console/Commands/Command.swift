import RedlineLanguage
import RedlineEngine
import RedlineSession
/// What a `:command` sees: the console it runs in and how it was written.
struct CommandContext {
    let console: Console
    let call: CommandCall
    /// Run from a loaded file or script rather than typed.
    let fromFile: Bool

    var session: Session { console.session }
    var arguments: [String] { call.arguments }

    func error(_ message: String, notes: [Diagnostic.Note] = []) {
        console.report([.error(message, at: call.span, notes: notes)])
    }

    func usage() {
        guard let command = CommandTable.command(named: call.name) else { return }
        error("usage: \(command.synopsis)", notes: [.init("example: \(command.example)")])
    }
}

/// What Tab offers after a command's name.
enum ArgumentCompletion: Sendable {
    case none
    case files
    case words([String])
    case helpTopics
    case scenarios
    case predicates
}

/// A session command: its help and its action. Each lives in its own file
/// under `Commands/`; `CommandTable` lists them in the order `:help` shows.
struct SessionCommand: Sendable {
    let name: String
    let synopsis: String
    let summary: String
    let example: String
    var completion: ArgumentCompletion = .none
    /// Refused in files: commands that write files, discard the session or end it.
    var promptOnly = false
    /// Wrapped as one `:undo` step when typed.
    var changesSession = false
    let run: @Sendable (CommandContext) -> Void
}

enum CommandTable {
    static let all: [SessionCommand] = [
        .help, .load, .reload, .list, .preds, .scenarios, .levers, .undo, .reset, .save, .export, .replay, .at, .set, .timing, .quit,
    ]

    static func command(named name: String) -> SessionCommand? {
        all.first { $0.name == name } ?? (name == "q" || name == "exit" ? .quit : nil)
    }
}
