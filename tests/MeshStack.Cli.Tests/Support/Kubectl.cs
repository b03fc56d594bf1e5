namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs <c>kubectl</c> (its built-in kustomize): an independent reader of what render writes.</summary>
internal static class Kubectl
{
    public static (int Exit, string Out, string Err) Run(params string[] args) =>
        ExternalTool.Run("kubectl", "its built-in kustomize reads the rendered folders", null, TimeSpan.FromSeconds(60), args);
}
