/// `1 answer`, `3 answers`: a count and its noun, for messages and notes.
package func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
