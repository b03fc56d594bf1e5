using MeshStack.Cli;

return MeshCli.Run(args, Console.Out, Console.Error, Directory.GetCurrentDirectory(), stderrIsTerminal: !Console.IsErrorRedirected, stdin: Console.In);
