namespace MeshStack.Core.Config;

/// <summary>Builds config paths as users write them: <c>meshstack:services[1].ports[0].number</c>.</summary>
internal static class ConfigPath
{
    /// <summary>The path of a key below a mapping.</summary>
    /// <remarks>Keys under a stack file's <c>config:</c> are full config paths already (<c>meshstack:meshId</c>).</remarks>
    public static string Child(string parent, string key) => parent.Length == 0 || parent == "config" ? key : $"{parent}.{key}";

    /// <summary>The path of an item of a list.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
