/// The record functions of the core library: keys values has merge. Fields keep the order they were
/// written in, and so do the lists these return.
enum RecordBuiltins {
    static var functions: [Function] { [keys, values, has, merge] }

    static var keys: Function {
        Function(name: "keys", parameters: [Parameter("r")],
                 doc: """
                 keys(r): the names of the fields of the record r, as a list of strings, in order.

                     keys({name: "spiral", n: 3})    # ["name", "n"]
                 """) { args in .list(try args.record("r").keys.map(Value.string)) }
    }

    static var values: Function {
        Function(name: "values", parameters: [Parameter("r")],
                 doc: """
                 values(r): the values of the fields of the record r, as a list, in order.

                     values({name: "spiral", n: 3})    # ["spiral", 3]
                 """) { args in .list(try args.record("r").values) }
    }

    static var has: Function {
        Function(name: "has", parameters: [Parameter("r"), Parameter("key")],
                 doc: """
                 has(r, key): whether the record r has a field named key (a string).

                     has({n: 3}, "n")    # true
                 """) { args in
            let record = try args.record("r")
            return .bool(record[try args.string("key")] != nil)
        }
    }

    static var merge: Function {
        Function(name: "merge", parameters: [Parameter("records", variadic: true)],
                 doc: """
                 merge(records...): one record with the fields of all the records given: where several
                 have a field, the last one's value wins; fields keep the order they first appear in.

                     merge({a: 1, b: 2}, {b: 3, c: 4})    # {a: 1, b: 3, c: 4}
                 """) { args in
            var merged = Record()
            for (k, value) in try args.list("records").enumerated() {
                guard case .record(let record) = value else {
                    throw NativeError("merge(): argument \(k) must be a record, not \(value.typeName)", argument: "records")
                }
                for (key, field) in zip(record.keys, record.values) { merged[key] = field }
            }
            return .record(merged)
        }
    }
}
