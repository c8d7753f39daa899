import AELang

enum SamplingBuiltins {
    static var functions: [Function] { [] }
}
