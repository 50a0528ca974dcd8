import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let save = SessionCommand(
        name: "save", synopsis: ":save FILE",
        summary: "Writes a script that replays this session: files loaded, typed clauses, the date.",
        example: ":save workshop-session.rl", completion: .files, promptOnly: true
    ) { context in
        guard context.arguments.count == 1, let path = context.arguments.first else { return context.usage() }
        let script = context.session.replayScript()
        do throws(FileWriting.Failure) {
            try FileWriting.writeAtomically(script, to: path)
        } catch {
            return context.error("not saved: \(error.reason)")
        }
        context.console.say("saved to \(path); replay it with: redline --replay \(path)   (or :replay \(path) at the prompt)")
    }
}
