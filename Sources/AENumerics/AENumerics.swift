// AENumerics: datasets, random numbers, auto-encoders and their training, densities and samplers.
// It knows nothing of the ae language; AEBindings exposes it to scripts.
