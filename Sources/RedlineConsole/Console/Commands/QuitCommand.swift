import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let quit = SessionCommand(
        name: "quit", synopsis: ":quit",
        summary: "Ends the session (as do :q, :exit and Ctrl-D).",
        example: ":quit", promptOnly: true
    ) { context in
        context.console.requestQuit()
    }
}
