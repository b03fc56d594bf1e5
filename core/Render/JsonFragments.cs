using System.Buffers;
using System.Text.Json;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The JSON of subtrees that many planned objects share (one caller-side spec instance held by every consumer
/// cluster's object), kept per nesting depth (see <see cref="FragmentTable{TState, TFragment}"/>), for
/// <see cref="PlanJsonWriter"/>.
/// </summary>
/// <remarks>
/// Indented JSON depends only on the value and the depth it starts at, so a fragment is written by a writer of its own
/// nested to that depth and copied in as a raw value; the bytes are those the plan's writer would have written.
/// </remarks>
internal sealed class JsonFragments(JsonWriterOptions options) : FragmentTable<int, byte[]>
{
    /// <summary>
    /// Writes a shared map or list as the value of the property just named (a raw value gets no indentation before it,
    /// so only there) from its fragment, made at its second sight; false when the caller writes it.
    /// </summary>
    public bool TryWrite(Utf8JsonWriter w, Value value)
    {
        if (!Shareable(value))
        {
            return false;
        }

        var depth = w.CurrentDepth;
        if (!TryGet(value, depth, out var bytes, out var keep))
        {
            if (!keep)
            {
                return false;
            }

            bytes = Write(value, depth);
            Keep(value, depth, bytes);
        }

        w.WriteRawValue(bytes!, skipInputValidation: true);
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
}
