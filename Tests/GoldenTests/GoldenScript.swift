import Foundation

/// One golden script and what it expects, read from its `# expect` comments and sibling `.out` file.
///
///     print(1 + 2)             # expect: 3
///     # expect error: t.ae:4:3: error: unknown name 'x'
///     # expect exit: 70
///     # options: maxSteps=1000 maxElements=10 cancelAfter=0.2
struct GoldenScript {
    let path: String
    /// Path relative to Tests/golden, as errors name the file.
    let relativePath: String
    /// The script's text.
    let source: String
    var expectedLines: [String] = []
    var expectedError: String?
    var expectedExit: Int32?
    var options: [String: Double] = [:]
    var outPath: String { String(path.dropLast(3)) + ".out" }

    init(path: String, relativePath: String, source: String) {
        self.path = path
        self.relativePath = relativePath
        self.source = source
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = line.range(of: "# ") else { continue }
            let comment = line[hash.upperBound...]
            if comment.hasPrefix("expect: ") {
                expectedLines.append(String(comment.dropFirst("expect: ".count)))
            } else if comment == "expect:" {
                expectedLines.append("")
            } else if comment.hasPrefix("expect error: ") {
                expectedError = String(comment.dropFirst("expect error: ".count))
            } else if comment.hasPrefix("expect exit: ") {
                expectedExit = Int32(comment.dropFirst("expect exit: ".count).trimmingCharacters(in: .whitespaces))
            } else if comment.hasPrefix("options: ") {
                for pair in comment.dropFirst("options: ".count).split(separator: " ") {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2, let value = Double(parts[1]) { options[String(parts[0])] = value }
                }
            }
        }
    }

    var hasInlineExpectations: Bool { !expectedLines.isEmpty || expectedError != nil || expectedExit != nil }
}

/// What running a script produced.
struct GoldenResult {
    var stdout = ""
    /// stdout and stderr interleaved as written, then the rendered error: what a .out file holds.
    var combined = ""
    var error: String?
    var exitCode: Int32 = 0
}

/// A line diff (longest common subsequence): "-" expected only, "+" actual only, " " both.
func lineDiff(expected: [String], actual: [String]) -> String {
    let n = expected.count, m = actual.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var out: [String] = []
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, expected[i] == actual[j] {
            out.append("  " + expected[i]); i += 1; j += 1
        } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
            out.append("+ " + actual[j]); j += 1
        } else {
            out.append("- " + expected[i]); i += 1
        }
    }
    return out.joined(separator: "\n")
}
