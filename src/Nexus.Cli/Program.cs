using Nexus.Cli;

// The `nexus` command. Thin on purpose: each command lives in Commands/ and only wires options to the runtime.
return await NexusCommandLine.RunAsync(args);
