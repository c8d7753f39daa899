import AELang

enum DensityBuiltins {
    static var functions: [Function] { [] }
}
