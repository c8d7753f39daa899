import AELang
import AENumerics

/// A host object that can be sampled: a trained auto-encoder (`dae`, `rcae`, ...), a density (`normal`,
/// `spiral_density`, ...), an optimal DAE. The sampling builtins (`sample`, `attractors`) accept any
/// value whose wrapper adopts this protocol, so models and densities need not know about samplers.
/// (DensityValue.swift's `ScoreFieldValue` serves the geometry builtins; this one adds what sampling
/// needs: an error for an untrained model, the training data, thread safety, callback errors.)
///
///     extension ModelValue: SamplingTarget {
///         func samplingField() throws -> any ScoreField {
///             guard model.isInitialized else { throw NativeError("the model is not trained yet") }
///             return model
///         }
///         var trainingData: Dataset? { lastTrainingData }
///     }
protocol SamplingTarget: HostObject {
    /// The field to sample; throws a ``NativeError`` when it cannot give a score yet (e.g. an untrained
    /// model: "sample(): the model is not trained yet").
    func samplingField() throws -> any ScoreField
    /// The data the field was trained on, if known: `sample` starts chains at its rows when no `start`
    /// is given, and `attractors` measures distances to it.
    var trainingData: Dataset? { get }
    /// False when the field must be evaluated on one thread (a density defined by a script's function).
    var isThreadSafe: Bool { get }
    /// Runs `body`, then reports any error the field ran into meanwhile (a script's energy function).
    func checked<T>(_ body: () throws -> T) throws -> T
}

extension SamplingTarget {
    var trainingData: Dataset? { nil }
    var isThreadSafe: Bool { true }
    func checked<T>(_ body: () throws -> T) throws -> T { try body() }
}

extension Arguments {
    /// A model or density argument with a score.
    func samplingTarget(_ name: String) throws -> any SamplingTarget {
        if case .object(let object) = self[name], let value = object as? any SamplingTarget { return value }
        throw mismatch(name, expected: "a model or a density")
    }
}

// The model and density wrappers (ModelValue, DensityValue) adopt the protocol here, so neither file
// needs to know about samplers.

extension ModelValue: SamplingTarget {
    func samplingField() throws -> any ScoreField {
        guard model.isInitialized else {
            throw NativeError("the model is not trained yet", hint: "train it first: train(ae, data)")
        }
        return model
    }
}

extension DensityValue: SamplingTarget {
    func samplingField() throws -> any ScoreField { density }
    var isThreadSafe: Bool { density.isThreadSafe }
}

extension OptimalDAEValue: SamplingTarget {
    func samplingField() throws -> any ScoreField { field }
}
