import CEditLine

#if canImport(Glibc)
import Glibc
#endif

/// What the process is attached to, decided once at start-up.
enum Terminal {
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour only on a terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
    static var wantsColour: Bool {
        guard outputIsTerminal else { return false }
        if let noColour = getenv("NO_COLOR"), noColour.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    static var width: Int? {
        let columns = Int(redline_terminal_width(STDOUT_FILENO))
        return columns > 0 ? columns : nil
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }
}
