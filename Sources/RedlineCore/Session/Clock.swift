import Foundation

public enum Clock {
    /// Today's date in the local time zone: the default evaluation date.
    public static func today() -> Value {
        let seconds = Date().timeIntervalSince1970 + Double(TimeZone.current.secondsFromGMT())
        return .date(Int64((seconds / 86400).rounded(.down)))
    }
}
