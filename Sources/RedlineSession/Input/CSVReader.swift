import RedlineLanguage
import RedlineEngine
/// RFC 4180 records from UTF-8 bytes: fields separated by commas, records
/// by LF or CRLF; a field in double quotes may hold commas, line breaks and
/// `""` for a quote. Our own, so that the library needs no Foundation (which
/// with ICU was half of the start-up time).
struct CSVReader {
    struct Record: Equatable {
        let fields: [String]
        /// The 1-based line the record starts on.
        let line: Int
        /// The positions of the fields written in quotes, whose blanks are part of them.
        var quoted: Set<Int> = []
    }

    struct Failure: Error, Equatable {
        let message: String
        let line: Int
        /// `isCancelled` said stop: not a fault of the file.
        var stopped = false
    }

    /// Every record up to the first malformed one, and what was wrong there.
    /// `isCancelled` is polled every 4,096 records; true ends the reading
    /// early (the caller discards what was read).
    static func records(_ bytes: [UInt8], isCancelled: () -> Bool = { false }) -> (records: [Record], failure: Failure?) {
        var records: [Record] = []
        var fields: [String] = []
        var quoted: Set<Int> = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), ret = UInt8(ascii: "\r")

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(Record(fields: fields, line: recordLine, quoted: quoted))
            fields.removeAll(keepingCapacity: true)
            quoted.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote && field.isEmpty {
                // A quoted field: runs to the next lone quote.
                let openedOn = line
                quoted.insert(fields.count)
                index += 1
                while true {
                    guard index < bytes.count else {
                        return (records, Failure(message: "the quoted field opened on line \(openedOn) is not closed", line: openedOn))
                    }
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == newline { line += 1 }
                    field.append(inner)
                    index += 1
                }
                let next = index < bytes.count ? bytes[index] : newline
                guard next == comma || next == newline || next == ret else {
                    return (records, Failure(message: "text after the closing quote of a field", line: line))
                }
                continue
            }
            switch byte {
            case comma:
                endField()
                index += 1
            case ret where index + 1 < bytes.count && bytes[index + 1] == newline:
                index += 1
            case newline:
                endRecord()
                if records.count & 0xFFF == 0, isCancelled() { return (records, Failure(message: "stopped", line: line, stopped: true)) }
                line += 1
                recordLine = line
                index += 1
            case quote:
                return (records, Failure(message: "a quote inside an unquoted field; quote the whole field and write \"\" for a quote", line: line))
            default:
                field.append(byte)
                index += 1
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, nil)
    }
}
