// The `ae` program: run a script, a one-liner, stdin, or the REPL. See AECommand for the options.

// First of all, so that a Ctrl-C during start-up is noted (and honoured) instead of killing ae.
Interrupts.install()
AECommand.main(AECommand.separatingScriptArguments(Array(CommandLine.arguments.dropFirst())))
