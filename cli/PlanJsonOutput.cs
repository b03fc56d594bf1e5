using System.Text;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>
/// <c>plan --json</c> streamed: straight to the process's stdout when the command writes there, else through a
/// UTF-8 decoding adapter onto the context's writer (tests). Never the whole document in memory.
/// </summary>
internal static class PlanJsonOutput
{
    public static void Write(CliContext context, FederationPlan plan)
    {
        if (ReferenceEquals(context.Out, Console.Out))
        {
            Console.Out.Flush();
            using var stdout = Console.OpenStandardOutput();
            PlanJsonWriter.Write(stdout, plan);
            stdout.WriteByte((byte)'\n');
            return;
        }

        using (var adapter = new TextWriterStream(context.Out))
        {
            PlanJsonWriter.Write(adapter, plan);
        }

        context.Out.Write('\n');
    }

    /// <summary>A write-only stream that decodes UTF-8 onto a <see cref="TextWriter"/>.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder decoder = new UTF8Encoding(false, true).GetDecoder();
        private char[] chars = new char[4096];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = decoder.GetCharCount(buffer, flush: false);
            if (needed > chars.Length)
            {
                chars = new char[needed];
            }

            var n = decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, n);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
