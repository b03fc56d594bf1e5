namespace MeshStack.Cli.Pki;

/// <summary>One result of <c>meshstack ca check</c>: about a file, an error or a warning.</summary>
internal sealed record CaFinding(bool IsError, string File, string Message)
{
    public override string ToString() => $"{File}: {(IsError ? "error" : "warning")}: {Message}";
}
