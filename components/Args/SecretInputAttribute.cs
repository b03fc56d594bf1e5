namespace MeshStack.Components;

/// <summary>
/// Marks an input that is always a secret (a kubeconfig, a key): the component wraps it as a Pulumi secret whatever
/// it is given (so state and outputs never hold it in plain text, in every language), and the package schema marks it
/// <c>secret: true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretInputAttribute : Attribute;
