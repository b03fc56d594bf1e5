using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Writers;

/// <summary>
/// The protocol both writers share: first sight marks, second sight keeps, later sights copy; keyed by the instance
/// and the writer state, never by content.
/// </summary>
public class FragmentTableTests
{
    private static readonly MapValue Spec = Value.Map(("hosts", Value.List("a.global")));

    [Fact]
    public void First_sight_marks_second_keeps_third_copies()
    {
        var table = new JsonFragments(PlanJsonWriter.Options);
        byte[] kept = [1, 2, 3];

        Assert.False(table.TryGet(Spec, 2, out _, out var keepFirst));
        Assert.False(keepFirst);
        Assert.False(table.TryGet(Spec, 2, out _, out var keepSecond));
        Assert.True(keepSecond);
        table.Keep(Spec, 2, kept);
        Assert.True(table.TryGet(Spec, 2, out var copied, out _));
        Assert.Same(kept, copied);
    }

    [Fact]
    public void Another_state_or_an_equal_looking_instance_is_another_fragment()
    {
        var table = new YamlFragments();
        var layout = new YamlFragments.Layout(Indent: 2, Column: 8, IsWhitespace: true, IsIndentation: false, MappingContext: true);
        var fragment = new YamlFragments.Fragment([0x61], Column: 9, IsWhitespace: false, IsIndentation: false);
        table.TryGet(Spec, layout, out _, out _);
        table.Keep(Spec, layout, fragment);

        Assert.True(table.TryGet(Spec, layout, out var same, out _));
        Assert.Same(fragment, same);
        Assert.False(table.TryGet(Spec, layout with { Column = 10 }, out _, out var keepOtherLayout));
        Assert.False(keepOtherLayout);
        var lookalike = Value.Map(("hosts", Value.List("a.global")));
        Assert.False(table.TryGet(lookalike, layout, out _, out var keepLookalike));
        Assert.False(keepLookalike);
    }

    [Theory]
    [InlineData("map", true)]
    [InlineData("list", true)]
    [InlineData("empty map", false)]
    [InlineData("empty list", false)]
    [InlineData("scalar", false)]
    public void Only_non_empty_maps_and_lists_are_shareable(string kind, bool shareable)
    {
        Value value = kind switch
        {
            "map" => Spec,
            "list" => Value.List("x"),
            "empty map" => Value.Map(),
            "empty list" => Value.List(),
            _ => "x",
        };

        Assert.Equal(shareable, YamlFragments.Shareable(value));
    }
}
