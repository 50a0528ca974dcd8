extension SessionCommand {
    static let set = SessionCommand(
        name: "set", synopsis: ":set [format F | rows N|all]",
        summary: "Shows or changes output settings: the format, and how many rows a table shows.",
        example: ":set rows all", completion: .words(["format", "rows"])
    ) { context in
        let console = context.console
        let arguments = context.arguments
        guard !arguments.isEmpty else {
            let rows = console.options.rowLimit.map(String.init) ?? "all"
            return console.show(ResultTable(title: "", columns: ["setting", "value"], rows: [
                ["format", console.format.rawValue], ["rows", rows], ["timing", console.timing ? "on" : "off"],
            ]))
        }
        guard arguments.count == 2 else { return context.usage() }
        switch arguments[0] {
        case "format":
            guard let format = OutputFormat(rawValue: arguments[1]) else {
                return context.error("unknown format '\(arguments[1])'; use text, json, markdown or dot")
            }
            console.format = format
        case "rows":
            if arguments[1] == "all" {
                console.options.rowLimit = nil
            } else if let n = Int(arguments[1]), n > 0 {
                console.options.rowLimit = n
            } else {
                return context.error("':set rows' needs a positive number or 'all', not '\(arguments[1])'")
            }
        default:
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: arguments[0], in: ["format", "rows"]) { notes.append(.init("did you mean '\(near)'?")) }
            return context.error("unknown setting '\(arguments[0])'; the settings are format and rows", notes: notes)
        }
        console.say("\(arguments[0]) is \(arguments[1])")
    }
}
