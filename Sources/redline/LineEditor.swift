import CEditLine
import RedlineLanguage
import RedlineEngine
import RedlineSession
import RedlineConsole

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

    /// A history file larger than this is not a history: it is left alone.
    static let maxHistoryBytes = 16 << 20

    init(program: String, historyPath: String?) {
        // A history path that holds anything but a regular file (a link, a
        // device such as /dev/zero, a pipe) is neither read nor replaced.
        var existing = stat()
        if let path = historyPath, lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
            Output.error("redline: warning: history not kept: \(path.withoutControls) is not a regular file\n")
            self.historyPath = nil
        } else if let path = historyPath, lstat(path, &existing) == 0, existing.st_size > LineEditor.maxHistoryBytes {
            Output.error("redline: warning: history not kept: \(path.withoutControls) is larger than 16 MiB\n")
            self.historyPath = nil
        } else {
            self.historyPath = historyPath
        }
        LineEditor.useTheUsersCharacterSet()
        editor = redline_el_init(program)
        history = redline_history_init(LineEditor.historySize)
        guard let editor, let history else { return }
        redline_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        redline_el_set_prompt(editor) { editor in
            LineEditor.owner(of: editor)?.prompt
        }
        redline_el_set_getcfn(editor) { editor, character in
            guard let owner = LineEditor.owner(of: editor), let character else { return -1 }
            return owner.readCharacter(into: character)
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
        if nonBlockingInput >= 0 { close(nonBlockingInput) }
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
            // Only the flag says Ctrl-C: errno can still hold an EINTR from a
            // poll that a signal (a window resize) interrupted and that was retried.
            if Interrupts.isPending {
                el_reset(editor)
                return .interrupted
            }
            return .end
        }
        return .line(String(cString: line))
    }

    /// Entries of this session not yet in the history file.
    private var unsaved: [String] = []

    /// Adds an entry and saves it at once, so a crash loses nothing already entered.
    func remember(_ entry: String) {
        // A recalled entry run again is not stored twice in a row.
        guard let history, !entry.isEmpty, entry != lastEntry else { return }
        lastEntry = entry
        redline_history_enter(history, entry)
        unsaved.append(entry)
        save()
    }

    private var reportedSaveFailure = false

    /// Appends this session's new entries to the history file as it is now
    /// (another session may have added to it since), under a lock, through a
    /// temporary file that is flushed to disk and renamed over the old one:
    /// never half-written, never losing another session's entries. A failure
    /// is reported once per session; the old file stays, and the entries are
    /// tried again with the next save.
    func save() {
        guard let historyPath, !unsaved.isEmpty else { return }
        let lock = open(historyPath + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { close(lock) } }
        guard let merged = redline_history_init(LineEditor.historySize) else { return }
        defer { history_end(merged) }
        var existing = stat()
        if lstat(historyPath, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFREG, existing.st_size <= LineEditor.maxHistoryBytes else { return }
            redline_history_load(merged, historyPath)
        }
        for entry in unsaved { redline_history_enter(merged, entry) }
        let temporary = historyPath + ".tmp-\(getpid())"
        if let failure = LineEditor.write(merged, to: temporary) ?? (rename(temporary, historyPath) == 0 ? nil : errno) {
            unlink(temporary)
            if !reportedSaveFailure {
                reportedSaveFailure = true
                Output.error("redline: warning: history not saved to \(historyPath.withoutControls): \(String(cString: strerror(failure))); the old file is kept\n")
            }
            return
        }
        unsaved.removeAll()
    }

    /// Writes a history to a new private file and flushes it to disk; the
    /// errno of the first failure (a full disk shows at the flush or close).
    private static func write(_ history: OpaquePointer, to path: String) -> Int32? {
        // Created private from the start: history can hold what the user typed about anything.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return errno }
        guard let file = fdopen(descriptor, "w") else {
            let failure = errno
            close(descriptor)
            return failure
        }
        errno = 0
        var failure: Int32? = redline_history_save_fp(history, file) < 0 ? (errno == 0 ? EIO : errno) : nil
        if failure == nil, fflush(file) != 0 || ferror(file) != 0 { failure = errno == 0 ? EIO : errno }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if fclose(file) != 0, failure == nil { failure = errno }
        return failure
    }

    /// Multibyte input needs a UTF-8 locale; without one from the environment, C.UTF-8.
    private static func useTheUsersCharacterSet() {
        if let name = setlocale(LC_CTYPE, ""), String(cString: name).uppercased().contains("UTF") { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    private var decoding = mbstate_t()
    /// The terminal opened a second time, non-blocking, so a read never waits
    /// (and never sleeps through a Ctrl-C); standard input keeps its own flags.
    private lazy var nonBlockingInput: Int32 = {
        guard let name = ttyname(STDIN_FILENO) else { return -1 }
        return open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    }()

    /// libedit's reader, replaced so that a Ctrl-C arriving just before the
    /// read starts is not lost: it polls, and checks the interrupt flag
    /// between polls. Returns 1 with a character, 0 at end of input, -1 on
    /// error or interrupt (errno EINTR).
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if Interrupts.isPending {
                decoding = mbstate_t()
                errno = EINTR
                return -1
            }
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&input, 1, 100)
            if ready < 0 && errno != EINTR { return -1 }
            if ready <= 0 { continue }
            var byte: CChar = 0
            let source = nonBlockingInput >= 0 ? nonBlockingInput : STDIN_FILENO
            let count = Glibc.read(source, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return -1
            }
            var wide: wchar_t = 0
            let used = mbrtowc(&wide, &byte, 1, &decoding)
            if used == size_t.max - 1 { continue }  // the middle of a multibyte character
            if used == size_t.max {
                // Not valid in this locale: pass the byte on rather than lose it.
                decoding = mbstate_t()
                wide = wchar_t(UInt8(bitPattern: byte))
            }
            character.pointee = wide
            return 1
        }
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
