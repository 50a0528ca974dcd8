import CEditLine
import RedlineCore

#if canImport(Glibc)
import Glibc
#endif

/// libedit's native API: emacs keys, ^R search, the user's ~/.editrc,
/// history kept in a file, and Tab completion through a callback that finds
/// this object through EL_CLIENTDATA (no globals).
final class LineEditor {
    enum ReadResult {
        case line(String)
        case interrupted
        case end
    }

    private var editor: OpaquePointer?
    private var history: OpaquePointer?
    private var prompt: UnsafeMutablePointer<CChar>?
    private let historyPath: String?
    private var lastEntry: String?
    /// Given the current line up to the cursor, the word to replace and its candidates.
    var complete: ((String) -> Completer.Result)?
    static let historySize: Int32 = 1000

    init(program: String, historyPath: String?) {
        self.historyPath = historyPath
        editor = redline_el_init(program)
        history = redline_history_init(LineEditor.historySize)
        guard let editor, let history else { return }
        redline_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        redline_el_set_prompt(editor) { editor in
            LineEditor.owner(of: editor)?.prompt
        }
        redline_el_set_editor(editor, "emacs")
        redline_el_set_history(editor, history)
        redline_el_addfn(editor, "redline-complete", "Complete the word before the cursor") { editor, _ in
            LineEditor.owner(of: editor)?.completeWord() ?? UInt8(CC_ERROR)
        }
        redline_el_bind(editor, "^I", "redline-complete")
        redline_el_bind(editor, "^R", "em-inc-search-prev")
        // The user's ~/.editrc (or $EDITRC) comes last, so it can override our bindings.
        el_source(editor, nil)
        if let historyPath { redline_history_load(history, historyPath) }
    }

    deinit {
        if let editor { el_end(editor) }
        if let history { history_end(history) }
        free(prompt)
    }

    var isAvailable: Bool { editor != nil && history != nil }

    private static func owner(of editor: OpaquePointer?) -> LineEditor? {
        guard let editor, let data = redline_el_get_clientdata(editor) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    func read(prompt text: String) -> ReadResult {
        guard let editor else { return .end }
        free(prompt)
        prompt = strdup(text)
        var count: Int32 = 0
        errno = 0
        guard let line = el_gets(editor, &count), count > 0 else {
            if errno == EINTR || Interrupts.isPending {
                el_reset(editor)
                return .interrupted
            }
            return .end
        }
        return .line(String(cString: line))
    }

    /// Adds an entry and rewrites the history file, so a crash loses nothing already entered.
    func remember(_ entry: String) {
        // A recalled entry run again is not stored twice in a row.
        guard let history, !entry.isEmpty, entry != lastEntry else { return }
        lastEntry = entry
        redline_history_enter(history, entry)
        save()
    }

    /// Written to a temporary file and renamed over the old one: never half-written.
    func save() {
        guard let history, let historyPath else { return }
        let temporary = historyPath + ".tmp-\(getpid())"
        guard redline_history_save(history, temporary) >= 0 else {
            unlink(temporary)
            return
        }
        chmod(temporary, 0o600)
        if rename(temporary, historyPath) != 0 { unlink(temporary) }
    }

    private func completeWord() -> UInt8 {
        guard let editor, let complete, let info = el_line(editor) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let bytes = UnsafeRawBufferPointer(start: info.pointee.buffer, count: length)
        let result = complete(String(decoding: bytes, as: UTF8.self))
        guard !result.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = LineEditor.commonPrefix(result.candidates)
        if common.count > result.word.count {
            el_insertstr(editor, String(common.dropFirst(result.word.count)))
            return UInt8(CC_REFRESH)
        }
        guard result.candidates.count > 1 else { return UInt8(CC_REFRESH) }
        Output.standard("\n" + LineEditor.columns(result.candidates, width: Terminal.width ?? 80))
        return UInt8(CC_REDISPLAY)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / cell)
        var out = ""
        for (i, word) in words.enumerated() {
            let last = i % perLine == perLine - 1 || i == words.count - 1
            out += last ? word + "\n" : word + String(repeating: " ", count: cell - word.count)
        }
        return out
    }
}
