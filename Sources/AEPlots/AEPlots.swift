// AEPlots: figures built from layers (scatter, lines, quiver ...), rendered as SVG or as braille text.
// It knows nothing of the ae language or of the numerical core.
