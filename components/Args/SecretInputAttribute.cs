namespace MeshStack.Components;

/// <summary>
/// Marks an input that is always a secret (a kubeconfig, a key): the component wraps it as a Pulumi secret whatever
/// it is given, and the package schema says <c>secret: true</c> so every language's SDK treats it as one.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretInputAttribute : Attribute;
