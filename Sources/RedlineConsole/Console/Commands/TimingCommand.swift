import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let timing = SessionCommand(
        name: "timing", synopsis: ":timing on|off",
        summary: "After each statement, prints how long it took, and apart from that the program's evaluation when the statement needed one.",
        example: ":timing on", completion: .words(["on", "off"])
    ) { context in
        switch context.call.argumentText {
        case "on": context.console.timing = true
        case "off": context.console.timing = false
        case "": break
        default: return context.usage()
        }
        context.console.say("timing is \(context.console.timing ? "on" : "off")")
    }
}
