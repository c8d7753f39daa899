/// A figure that cannot be drawn or written, with a message for the user.
public struct PlotError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, for the user.
    public let message: String
    /// An error with the given message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
