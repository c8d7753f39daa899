import AELang

enum DataBuiltins {
    static var functions: [Function] { [] }
}
