import AELang
import AENumerics

/// A host object that has a score: a trained auto-encoder (`dae`, `rcae`, ...), a density (`normal`,
/// `spiral_density`, ...). The sampling builtins (`sample`, `attractors`) accept any value whose wrapper
/// adopts this protocol, so models and densities need not know about samplers.
///
///     extension ModelValue: ScoreFieldValue {
///         func scoreField() throws -> any ScoreField {
///             guard model.isInitialized else { throw NativeError("the model is not trained yet") }
///             return model
///         }
///         var trainingData: Dataset? { lastTrainingData }
///     }
protocol ScoreFieldValue: HostObject {
    /// The field to sample; throws a ``NativeError`` when it cannot give a score yet (e.g. an untrained
    /// model: "sample(): the model is not trained yet").
    func scoreField() throws -> any ScoreField
    /// The data the field was trained on, if known: `sample` starts chains at its rows when no `start`
    /// is given, and `attractors` measures distances to it.
    var trainingData: Dataset? { get }
}

extension ScoreFieldValue {
    var trainingData: Dataset? { nil }
}

extension Arguments {
    /// A model or density argument with a score.
    func scoreFieldValue(_ name: String) throws -> any ScoreFieldValue {
        if case .object(let object) = self[name], let value = object as? any ScoreFieldValue { return value }
        throw mismatch(name, expected: "a model or a density")
    }
}
