import AELang
import AENumerics

/// A host value that gives a score field: a trained auto-encoder (`dae`, `rcae`, ...), a density
/// (`normal`, `spiral_density`, ...), an optimal DAE (`optimal_dae`). The queries (`score`, `hessian`),
/// the sampling builtins (`sample`, `attractors`), the geometry builtins and the plots accept any value
/// whose wrapper adopts this protocol, so models and densities need not know about their users.
protocol ScoreFieldValue: HostObject {
    /// The field; throws a ``NativeError`` when it cannot give a score yet (an untrained model: "the
    /// model is not trained yet"). Callers prefix the builtin's name.
    func scoreField() throws -> any ScoreField
    /// The data the field was trained on, if known: `sample` starts chains at its rows when no `start`
    /// is given, and `attractors` measures distances to it.
    var trainingData: Dataset? { get }
    /// False when the field must be evaluated on one thread (a density defined by a script's function).
    var isThreadSafe: Bool { get }
    /// Runs `body`, then reports any error the field ran into meanwhile (a script's energy function).
    func checked<T>(_ body: () throws -> T) throws -> T
}

extension ScoreFieldValue {
    var trainingData: Dataset? { nil }
    var isThreadSafe: Bool { true }
    func checked<T>(_ body: () throws -> T) throws -> T { try body() }
}

extension Arguments {
    /// A model, density or optimal DAE argument.
    func scoreFieldValue(_ name: String) throws -> any ScoreFieldValue {
        if case .object(let object) = self[name], let value = object as? any ScoreFieldValue { return value }
        throw mismatch(name, expected: "a model, a density or an optimal DAE")
    }

    /// The field of a model, density or optimal DAE argument; an untrained model is an error that names
    /// the builtin and the argument.
    func scoreField(of value: any ScoreFieldValue, _ name: String) throws -> any ScoreField {
        do { return try value.scoreField() } catch var error as NativeError {
            error.message = "\(function.name)(): " + error.message
            error.argument = error.argument ?? name
            throw error
        }
    }
}

// The model, density and optimal-DAE wrappers adopt the protocol here, so none of their files needs to
// know about the builtins that use it.

extension ModelValue: ScoreFieldValue {
    func scoreField() throws -> any ScoreField {
        guard model.isInitialized else {
            throw NativeError("the model is not trained yet", hint: "train it first: train(ae, data)")
        }
        return model
    }
}

extension DensityValue: ScoreFieldValue {
    func scoreField() throws -> any ScoreField { density }
    var isThreadSafe: Bool { density.isThreadSafe }
}

extension OptimalDAEValue: ScoreFieldValue {
    func scoreField() throws -> any ScoreField { field }
}
