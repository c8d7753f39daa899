/// A value that the host program owns and the language only handles: a dataset, a model, a chain, a
/// figure. Scripts can pass it around, print it, read its attributes (`ae.losses`) and, where the host
/// allows, set them.
///
///     final class Counter: HostObject {
///         static let typeName = "Counter"
///         var count = 0
///         var summary: String { "Counter(\(count))" }
///         func attribute(_ name: String) -> Value? { name == "count" ? .number(Double(count)) : nil }
///     }
public protocol HostObject: AnyObject {
    /// The name scripts see from `type(x)` and in error messages, e.g. "Dataset".
    static var typeName: String { get }
    /// The one-line form printed in the REPL and by `print`, e.g. `Dataset(10000 × 2)`.
    var summary: String { get }
    /// The names `attribute(_:)` answers, for completion and for "did you mean" hints.
    var attributeNames: [String] { get }
    /// The value of `object.name`, or nil when there is no such attribute.
    func attribute(_ name: String) -> Value?
    /// Sets `object.name = value`; throws a ``NativeError`` when the attribute is read-only or the value
    /// is of the wrong kind.
    func setAttribute(_ name: String, to value: Value) throws
    /// `object[index]`, e.g. a dataset's row as a list; nil when the object cannot be indexed.
    func element(_ index: Value) throws -> Value?
    /// What `len(object)` returns, e.g. a dataset's number of rows; nil when it has no length.
    var count: Int? { get }
    /// A richer, multi-line form for an interactive echo, e.g. a figure drawn in braille, at most
    /// `width` characters wide, with ANSI colours when `color` is true; nil (the default) when the
    /// object has none, and the host shows `summary`.
    func display(width: Int, color: Bool) -> String?
    /// The object's forms for a graphical front end (a notebook), by MIME type, e.g.
    /// `["image/svg+xml": svg]` for a figure; empty (the default) when it has none.
    var richDisplay: [String: String] { get }
}

extension HostObject {
    public var attributeNames: [String] { [] }
    public func attribute(_ name: String) -> Value? { nil }
    public func setAttribute(_ name: String, to value: Value) throws {
        throw NativeError("cannot set attribute '\(name)' of \(withArticle(Self.typeName))")
    }
    public func element(_ index: Value) throws -> Value? { nil }
    public var count: Int? { nil }
    public func display(width: Int, color: Bool) -> String? { nil }
    public var richDisplay: [String: String] { [:] }
}
