// The `ae` program: run a script, a one-liner, stdin, or the REPL. See AECommand for the options.
AECommand.main(AECommand.separatingScriptArguments(Array(CommandLine.arguments.dropFirst())))
