namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs the openssl command: an independent implementation to check what .NET minted.</summary>
internal static class Openssl
{
    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args) =>
        ExternalTool.Run("openssl", "an independent X.509 implementation, e.g. apt-get install openssl", workingDirectory, TimeSpan.FromSeconds(30), args);
}
