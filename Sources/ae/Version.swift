/// The version `ae --version` prints and the REPL banner shows.
enum AEVersion {
    static let string = "0.1.0"
}
