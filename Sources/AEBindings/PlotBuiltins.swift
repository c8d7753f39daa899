import AELang

enum PlotBuiltins {
    static var functions: [Function] { [] }
}
