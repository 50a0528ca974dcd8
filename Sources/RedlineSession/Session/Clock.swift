import RedlineLanguage
import RedlineEngine
#if canImport(Glibc)
import Glibc
#endif

package enum Clock {
    /// Today's date in the local time zone: the default evaluation date.
    package static func today() -> Value {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        let seconds = Int64(now) + Int64(local.tm_gmtoff)
        return .date(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
    }
}
