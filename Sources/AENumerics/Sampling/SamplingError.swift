/// Why a sampling run could not start. The message is complete enough to show to a user as is.
public struct SamplingError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
