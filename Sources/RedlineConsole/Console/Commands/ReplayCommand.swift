import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let replay = SessionCommand(
        name: "replay", synopsis: ":replay FILE",
        summary: "Replays a script written by :save, as your own: its :load lines may name files anywhere, and its 'use' and 'assume' set the current world.",
        example: ":replay workshop-session.rl", completion: .files, promptOnly: true, changesSession: true
    ) { context in
        guard context.arguments.count == 1, let path = context.arguments.first else { return context.usage() }
        if context.console.replay(path: path) {
            context.console.say("replayed \(path): the current world is \(context.session.worldDescription)")
        } else {
            context.console.say("nothing loaded: the session is as it was")
        }
    }
}
