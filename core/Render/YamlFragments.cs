namespace MeshStack.Core.Render;

/// <summary>
/// The YAML of subtrees that many documents share (see <see cref="FragmentTable{TState, TFragment}"/>), for
/// <see cref="Utf8YamlWriter"/>. What a subtree looks like depends on the writer's layout where it starts, so a fragment
/// is kept per layout and replays the layout it ends in.
/// </summary>
internal sealed class YamlFragments : FragmentTable<YamlFragments.Layout, YamlFragments.Fragment>
{
    /// <summary>The writer's layout state where a subtree starts.</summary>
    internal readonly record struct Layout(int Indent, int Column, bool IsWhitespace, bool IsIndentation, bool MappingContext);

    /// <summary>The UTF-8 a subtree wrote and the layout state it ended in (the indent is always restored).</summary>
    internal sealed record Fragment(byte[] Bytes, int Column, bool IsWhitespace, bool IsIndentation);
}
