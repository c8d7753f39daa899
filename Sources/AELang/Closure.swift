/// A function written in ae: its compiled code and the variables it captured.
final class Closure {
    let proto: FunctionProto
    let upvalues: ContiguousArray<Cell>

    init(proto: FunctionProto, upvalues: ContiguousArray<Cell>) {
        self.proto = proto
        self.upvalues = upvalues
    }
}
