namespace MeshStack.Core.Plan;

/// <summary>What a plan depends on besides the spec and the addresses: the previous deployment and who deploys.</summary>
internal sealed record PlanInputs
{
    /// <summary>The owner written when the caller names none.</summary>
    public const string DefaultOwner = "meshstack";

    /// <summary>What the stack deployed last time, or null.</summary>
    public Deployment.DeploymentRecord? Previous { get; init; }

    /// <summary>Who deploys (a Pulumi stack, or <c>meshstack render</c> of a stack file).</summary>
    public string? Owner { get; init; }
}
