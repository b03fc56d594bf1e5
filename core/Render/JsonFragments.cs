using System.Buffers;
using System.Text.Json;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The JSON of subtrees that many planned objects share (one caller-side spec instance held by every consumer
/// cluster's object), written once per nesting depth and then copied (issue 23), for <see cref="PlanJsonWriter"/>.
/// </summary>
/// <remarks>
/// Indented JSON depends only on the value and the depth it starts at, so a fragment is written by a writer of its own
/// nested to that depth and copied in as a raw value; the bytes are those the plan's writer would have written. The
/// first sight of an instance only marks it (most subtrees are unique: nothing is copied for them).
/// </remarks>
internal sealed class JsonFragments(JsonWriterOptions options)
{
    private readonly Dictionary<(Value Value, int Depth), byte[]?> fragments = new(StartComparer.Instance);

    /// <summary>
    /// Writes a shared map or list as the value of the property just named (a raw value gets no indentation before it,
    /// so only there) from its fragment, made at its second sight; false when the caller writes it.
    /// </summary>
    public bool TryWrite(Utf8JsonWriter w, Value value)
    {
        if (value is not (MapValue { Entries.IsEmpty: false } or ListValue { Items.IsEmpty: false }))
        {
            return false;
        }

        var start = (value, w.CurrentDepth);
        if (!fragments.TryGetValue(start, out var bytes))
        {
            fragments[start] = null;
            return false;
        }

        if (bytes is null)
        {
            bytes = Write(value, w.CurrentDepth);
            fragments[start] = bytes;
        }

        w.WriteRawValue(bytes, skipInputValidation: true);
        return true;
    }

    // The value as a writer nested `depth` deep writes it, without the separator and indentation before it.
    private byte[] Write(Value value, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(buffer, options);
        for (var i = 0; i < depth; i++)
        {
            w.WriteStartArray();
        }

        w.Flush();
        var from = buffer.WrittenCount;
        PlanJsonWriter.WriteValue(w, value);
        w.Flush();
        var written = buffer.WrittenSpan[from..];
        return written[written.IndexOfAny((byte)'{', (byte)'[')..].ToArray();
    }

    private sealed class StartComparer : IEqualityComparer<(Value Value, int Depth)>
    {
        public static readonly StartComparer Instance = new();

        public bool Equals((Value Value, int Depth) x, (Value Value, int Depth) y) => ReferenceEquals(x.Value, y.Value) && x.Depth == y.Depth;

        public int GetHashCode((Value Value, int Depth) s) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(s.Value), s.Depth);
    }
}
