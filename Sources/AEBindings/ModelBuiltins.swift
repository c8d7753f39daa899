import AELang

enum ModelBuiltins {
    static var functions: [Function] { [] }
}
