/// Source text as it is echoed and listed: a statement written over several
/// lines, or with tabs, shown on one line with single spaces.
package enum SourceText {
    package static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
