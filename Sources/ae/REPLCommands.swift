import AELang
import Foundation
import Glibc

/// The REPL's commands beyond running code: `:time`, `:vars`, `??word`, `:save`.
extension REPL {
    /// `:time EXPR`: runs EXPR as an entry, then shows its wall-clock and CPU time (all threads), as
    /// IPython's `%time` does.
    func time(_ code: String) {
        guard !code.isEmpty else {
            Session.writeError("usage: :time EXPR\n")
            return
        }
        let startWall = Date(), startCPU = REPL.processorSeconds()
        run(code)
        let wall = Date().timeIntervalSince(startWall), cpu = REPL.processorSeconds() - startCPU
        Session.writeOutput("time: wall \(REPL.duration(wall)), cpu \(REPL.duration(cpu))\n")
    }

    /// User and system CPU seconds of the whole process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `0.0123 s` as `12.3 ms`: three significant digits, in s, ms or µs.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.3g s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.3g ms", seconds * 1e3) }
        return String(format: "%.3g µs", max(0, seconds) * 1e6)
    }

    /// `:vars`: the globals the session made (not the builtins), with their types and one-line values.
    func showVariables() {
        let names = engine.globalNames.filter { !startupNames.contains($0) }
        guard !names.isEmpty else {
            Session.writeOutput("no variables yet\n")
            return
        }
        let rows = names.compactMap { name -> (String, String, String)? in
            guard let value = engine.global(name) else { return nil }
            var text = engine.describe(value).replacingOccurrences(of: "\n", with: " ")
            if text.count > 60 { text = text.prefix(59) + "…" }
            return (name, value.typeName, text)
        }
        let nameWidth = rows.map(\.0.count).max() ?? 0, typeWidth = rows.map(\.1.count).max() ?? 0
        func padded(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: width - s.count) }
        for (name, type, text) in rows {
            Session.writeOutput("\(padded(name, nameWidth))  \(padded(type, typeWidth))  \(text)\n")
        }
    }

    /// `??word`: each builtin or function whose documentation mentions `word` (any case), with the
    /// first line of that documentation.
    func searchHelp(_ word: String) {
        guard !word.isEmpty else {
            Session.writeError("usage: ??word\n")
            return
        }
        let found = engine.globalNames.compactMap { name -> String? in
            guard case .function? = engine.global(name), let doc = engine.help(name),
                  doc.range(of: word, options: .caseInsensitive) != nil else { return nil }
            return String(doc.split(separator: "\n", maxSplits: 1).first ?? "")
        }
        if found.isEmpty {
            Session.writeError("no documentation mentions '\(word)'\n")
        } else {
            Session.writeOutput(found.joined(separator: "\n") + "\n")
        }
    }

    /// `:save FILE`: the entries that ran without error, in order, as a script; `ae FILE` (or `:load`)
    /// redoes the session. Written whole or not at all.
    func saveSession(to path: String) {
        guard !path.isEmpty else {
            Session.writeError("usage: :save FILE\n")
            return
        }
        let script = "# An ae session, saved by :save\n" + entries.map { Session.terminated($0) }.joined()
        do {
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            Session.writeOutput("saved \(entries.count) entr\(entries.count == 1 ? "y" : "ies") to \(path)\n")
        } catch {
            Session.writeError("cannot write '\(path)': \((error as NSError).localizedDescription)\n")
        }
    }
}
