import Foundation

/// The general (slow) paths of the operators: every type combination and the error for wrong types.
/// The compiler emits inline fast paths for numbers and falls back to these.
extension Runtime {
    func typeError(_ message: String, _ file: SourceFile, _ location: SourceLocation, hint: String? = nil) -> ScriptError {
        ScriptError(kind: .runtime, message: message, file: file, location: location, hint: hint)
    }

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        switch (op, a, b) {
        case let (_, .number(x), .number(y)):
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return .number(x / y)
            case .modulo: return .number(floorModulo(x, y))
            case .power: return .number(Foundation.pow(x, y))
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .contains: return .bool(try contains(b, a, file, location))
            case .and, .or, .concatenate, .matrixProduct: break
            }
        case (.equal, _, _): return .bool(a == b)
        case (.notEqual, _, _): return .bool(a != b)
        case let (.add, .string(x), .string(y)):
            try checkSize(x.utf8.count + y.utf8.count, file, location)
            return .string(x + y)
        case (.concatenate, _, _) where a.isList && b.isList:
            try checkSize((a.listCount ?? 0) + (b.listCount ?? 0), file, location)
            var joined = a
            joined.appendList(b)
            return joined
        case let (.concatenate, .string(x), .string(y)):
            try checkSize(x.utf8.count + y.utf8.count, file, location)
            return .string(x + y)
        case (.contains, _, _):
            return .bool(try contains(b, a, file, location))
        case let (.less, .string(x), .string(y)): return .bool(x < y)
        case let (.lessEqual, .string(x), .string(y)): return .bool(x <= y)
        case let (.greater, .string(x), .string(y)): return .bool(x > y)
        case let (.greaterEqual, .string(x), .string(y)): return .bool(x >= y)
        default: break
        }
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo, .power, .matrixProduct:
            guard a.isArray || b.isArray else { break }
            do {
                return try arrayArithmetic(op, a, b)
            } catch let error as NativeError {
                throw typeError(error.message, file, location, hint: error.hint)
            } catch is Interrupted {
                throw ScriptError(kind: .interrupted, message: "interrupted", file: file, location: location)
            } catch let error as LimitExceeded {
                throw ScriptError(kind: .limit, message: error.message, file: file, location: location, hint: error.hint)
            }
        case .concatenate:
            if case .object(let x as any NumericMatrix) = a, case .object(let y as any NumericMatrix) = b {
                guard x.columns == y.columns else {
                    throw typeError("cannot stack \(type(of: x).typeName) \(x.rows)×\(x.columns) and \(type(of: y).typeName) \(y.rows)×\(y.columns)",
                                    file, location, hint: "a ++ b puts b's rows under a's: both need the same columns")
                }
                try checkSize((x.rows + y.rows) * x.columns, file, location)
                return x.make(rows: x.rows + y.rows, columns: x.columns, elements: x.elements + y.elements)
            }
            let hint = a.isArray || b.isArray ? "++ joins two lists, two strings or two Datasets; to append one element, write xs ++ [x]"
                                              : "++ joins two lists, two strings or two Datasets; to join text, convert with str(x)"
            throw typeError("cannot join \(a.typeName) and \(b.typeName) with '++'", file, location, hint: hint)
        default: break
        }
        let names = "\(a.typeName) and \(b.typeName)"
        switch op {
        case .add:
            let hint: String?
            if case .string = a { hint = "convert with str(x), or write \"...{x}...\"" }
            else if case .string = b { hint = "convert with str(x), or write \"...{x}...\"" }
            else { hint = nil }
            throw typeError("cannot add \(names)", file, location, hint: hint)
        case .less, .lessEqual, .greater, .greaterEqual:
            throw typeError("cannot compare \(names) with '\(op.rawValue)'", file, location)
        default:
            throw typeError("cannot apply '\(op.rawValue)' to \(names)", file, location)
        }
    }

    func negate(_ a: Value, _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        if case .number(let x) = a { return .number(-x) }
        if a.isArray {
            do { return try arrayNegate(a) } catch let error as NativeError {
                throw typeError(error.message, file, location, hint: error.hint)
            }
        }
        throw typeError("cannot negate \(a.typeName.withArticle)", file, location)
    }

    /// `needle in haystack`: an element of a list (by ==), a substring of a string, a field of a
    /// record, a row of a host matrix.
    func contains(_ haystack: Value, _ needle: Value, _ file: SourceFile, _ location: SourceLocation) throws -> Bool {
        switch (haystack, needle) {
        case (.list(let items), _): return items.contains(needle)
        case let (.numbers(xs), .number(x)): return xs.contains(x)
        case (.numbers, _): return false
        case let (.string(s), .string(part)): return part.isEmpty || s.contains(part)
        case let (.record(r), .string(key)): return r[key] != nil
        case (.object(let matrix as any NumericMatrix), _) where needle.isList:
            guard let numbers = [Double](needle), numbers.count == matrix.columns else { return false }
            let elements = matrix.elements
            return (0..<matrix.rows).contains { i in elements[i * matrix.columns ..< (i + 1) * matrix.columns].elementsEqual(numbers) }
        case (.string, _), (.record, _):
            throw typeError("cannot look for \(needle.typeName.withArticle) in \(haystack.typeName.withArticle)", file, location,
                            hint: haystack.typeName == "record" ? "a record's fields are named by strings" : "look for a string in a string")
        default:
            throw typeError("cannot look for \(needle.typeName.withArticle) in \(haystack.typeName.withArticle)", file, location,
                            hint: "'in' looks in a list, a string, a record (its field names) or a Dataset (its rows)")
        }
    }

    /// `base[index]`.
    func index(_ base: Value, _ index: Value, _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        // A list of indices or a mask picks several elements (rows of a Dataset).
        if index.isList {
            switch base {
            case .list, .numbers, .string, .object(_ as any NumericMatrix): return try select(base, [.index(index)], file, location)
            default: break
            }
        }
        switch base {
        case .numbers(let xs):
            return .number(xs[try position(index, count: xs.count, Indexing.listElements, file, location)])
        case .list(let items):
            return items[try position(index, count: items.count, Indexing.listElements, file, location)]
        case .string(let s):
            let i = try position(index, count: s.count, Indexing.characters, file, location)
            return .string(String(s[s.index(s.startIndex, offsetBy: i)]))
        case .record(let record):
            guard case .string(let key) = index else {
                throw typeError("a record's index must be a string, not \(index.typeName)", file, location)
            }
            guard let value = record[key] else { throw missingField(key, record, file, location) }
            return value
        case .object(let object):
            do {
                if let value = try object.element(index.unpacked) { return value }
            } catch let error as NativeError {
                throw typeError(error.message, file, location, hint: error.hint)
            }
            throw typeError("cannot index \(base.typeName.withArticle)", file, location)
        default:
            throw typeError("cannot index \(base.typeName.withArticle)", file, location)
        }
    }

    /// A list or string position from an ae index: whole, negative counts from the end.
    /// `indexing.position`, as a positioned error.
    func position(_ index: Value, count: Int, _ indexing: Indexing, _ file: SourceFile, _ location: SourceLocation) throws -> Int {
        do {
            return try indexing.position(index, count: count)
        } catch let error as NativeError {
            throw typeError(error.message, file, location, hint: error.hint)
        }
    }

    func missingField(_ key: String, _ record: Record, _ file: SourceFile, _ location: SourceLocation) -> ScriptError {
        let fields = record.keys.isEmpty ? "it has no fields" : "its fields: " + record.keys.joined(separator: ", ")
        return typeError("record has no field '\(key)'", file, location,
                         hint: didYouMean(key, among: record.keys) ?? fields)
    }

    /// `base.name`.
    func attribute(_ base: Value, _ name: String, _ file: SourceFile, _ location: SourceLocation) throws -> Value {
        switch base {
        case .record(let record):
            guard let value = record[name] else { throw missingField(name, record, file, location) }
            return value
        case .object(let object):
            if let value = object.attribute(name) { return value }
            let names = object.attributeNames
            throw typeError("\(base.typeName) has no attribute '\(name)'", file, location,
                            hint: didYouMean(name, among: names)
                                ?? (names.isEmpty ? nil : "its attributes: " + names.joined(separator: ", ")))
        default:
            throw typeError("\(base.typeName.withArticle) has no attribute '\(name)'", file, location)
        }
    }
}

/// Modulo with the sign of the divisor, as in Python and Lua: -1 % 3 == 2.
@inline(__always)
func floorModulo(_ x: Double, _ y: Double) -> Double {
    let r = x.truncatingRemainder(dividingBy: y)
    return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
}
