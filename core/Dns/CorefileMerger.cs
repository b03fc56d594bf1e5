namespace MeshStack.Core.Dns;

/// <summary>
/// Adds MeshStack's <c>global:53</c> server block to a live Corefile and takes it out again, touching no other byte.
/// The block is recognised by <see cref="GlobalBlocks.Marker"/>; it is appended as <c>"\n" + block + "\n"</c>,
/// so removing exactly that gives back the Corefile it was added to.
/// </summary>
public static class CorefileMerger
{
    /// <summary>The zone MeshStack serves.</summary>
    public const string Zone = "global";

    /// <summary>The port of that zone's server block.</summary>
    public const int Port = 53;

    /// <summary>
    /// The Corefile with <paramref name="block"/> as its only <c>global:53</c> block: appended the first time,
    /// replaced in place afterwards (merging twice equals merging once). Refuses, without changing anything,
    /// when either text does not parse or the Corefile already has a <c>global:53</c> block MeshStack did not write.
    /// </summary>
    public static CorefileMerge AddGlobalBlock(string existing, string block)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(block);
        var parsedBlock = Corefile.Parse(block);
        if (parsedBlock.Corefile is not { } b)
        {
            return CorefileMerge.Fail($"the global block does not parse: {parsedBlock.Error}");
        }

        if (b.Blocks.Length != 1 || b.Imports.Length != 0 || !b.Blocks[0].Keys.All(k => k.Serves(Zone, Port)) || !IsManaged(b.Blocks[0]))
        {
            return CorefileMerge.Fail("the global block must be exactly one marked server block for global:53");
        }

        var blockText = b.Blocks[0].Text;
        var parsed = Corefile.Parse(existing);
        if (parsed.Corefile is not { } corefile)
        {
            return CorefileMerge.Fail($"the existing Corefile does not parse ({parsed.Error}); it was left unchanged");
        }

        var serving = corefile.Serving(Zone, Port).ToList();
        var foreign = serving.FirstOrDefault(s => !IsManaged(s) || s.Keys.Length != 1);
        if (foreign is not null)
        {
            return CorefileMerge.Fail(
                $"the existing Corefile already serves global:53 in a block MeshStack did not write ('{FirstLine(foreign.Text)}'); " +
                "remove that block (or change the cluster's dns mode) and apply again");
        }

        if (serving.Count > 1)
        {
            return CorefileMerge.Fail("the existing Corefile has more than one MeshStack global:53 block; remove the extra ones and apply again");
        }

        if (serving.Count == 1)
        {
            var mine = serving[0];
            return CorefileMerge.Ok(string.Concat(existing.AsSpan(0, mine.Start), blockText, existing.AsSpan(mine.End)));
        }

        return CorefileMerge.Ok($"{existing}\n{blockText}\n");
    }

    /// <summary>
    /// The Corefile without MeshStack's <c>global:53</c> block, and without the two line breaks added with it.
    /// A Corefile without the block comes back unchanged. This is what destroy writes back.
    /// </summary>
    public static CorefileMerge RemoveGlobalBlock(string merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var parsed = Corefile.Parse(merged);
        if (parsed.Corefile is not { } corefile)
        {
            return CorefileMerge.Fail($"the Corefile does not parse ({parsed.Error}); it was left unchanged");
        }

        var text = merged;
        foreach (var mine in corefile.Serving(Zone, Port).Where(IsManaged).OrderByDescending(b => b.Start))
        {
            var start = mine.Start > 0 && text[mine.Start - 1] == '\n' ? mine.Start - 1 : mine.Start;
            var end = mine.End < text.Length && text[mine.End] == '\n' ? mine.End + 1 : mine.End;
            text = string.Concat(text.AsSpan(0, start), text.AsSpan(end));
        }

        return CorefileMerge.Ok(text);
    }

    /// <summary>True when MeshStack wrote this block (it carries the marker comment).</summary>
    public static bool IsManaged(ServerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Text.Contains(GlobalBlocks.Marker, StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r', ' ', '{').TrimEnd();
}

/// <summary>A merged Corefile, or why there is none (the live Corefile is then left as it is).</summary>
public sealed record CorefileMerge(string? Text, string? Error)
{
    /// <summary>True when <see cref="Text"/> is set.</summary>
    public bool Succeeded => Text is not null;

    internal static CorefileMerge Ok(string text) => new(text, null);

    internal static CorefileMerge Fail(string error) => new(null, error);
}
