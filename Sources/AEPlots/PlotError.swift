/// A figure that cannot be drawn or written, with a message for the user.
public struct PlotError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
