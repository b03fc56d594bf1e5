using System.Buffers;
using System.Text;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// Writes plan values as YAML straight from the value tree into a pooled UTF-8 buffer, handed to a stream in 64 KiB
/// blocks (or kept, for <see cref="ToText"/>): no event objects, no text writer, no intermediate strings.
/// </summary>
/// <remarks>
/// The layout is YamlDotNet's <c>Emitter</c> (v18.1.0, YamlDotNet/Core/Emitter.cs) with the settings MeshStack always
/// used (indent 2, no line width, indentless sequences, <c>\n</c>): its <c>WriteIndent</c>/<c>WriteIndicator</c> state
/// (column, whitespace, indentation), its <c>AnalyzeScalar</c> and <c>SelectScalarStyle</c>, and its scalar writers, for
/// the events MeshStack emits (block mappings and sequences, flow <c>{}</c>/<c>[]</c> when empty, scalars). Tests
/// compare the two byte for byte and parse every document back with YamlDotNet. Where the Emitter wrote text that does
/// not read back as the value, this writer double-quotes instead: text with <c>\r</c>, U+0085, U+2028 or U+2029 (block
/// scalars turn them into <c>\n</c>), multi-line text with characters YAML does not allow raw, and a leading or
/// trailing tab (a plain scalar loses it), a lone line feed (a literal block without content reads back as empty), and multi-line text whose first line is two
/// or more spaces only (YamlDotNet refuses that literal block).
/// </remarks>
internal sealed class Utf8YamlWriter : IDisposable
{
    private const int BestIndent = 2;
    private const int MaxSimpleKeyLength = 1024;
    private const int BlockSize = 1 << 16;

    // Documents and subtrees at most this deep below them are looked up in the shared fragments: a whole manifest, its
    // top-level values (a spec) and theirs (metadata's labels); deeper ones are written where their parent was not shared.
    private const int SharedDepth = 2;

    private readonly Stream? stream;
    private readonly YamlFragments? fragments;
    private byte[] buffer;
    private int position;

    // The Emitter's layout state.
    private int indent = -1;
    private int column;
    private bool isWhitespace = true;
    private bool isIndentation = true;

    // How deep below the document the node being written is (the document 0, its values 1), and whether a fragment is
    // being kept (then the buffer grows instead of being handed to the stream, so the fragment's bytes stay in it).
    private int depth;
    private int keeping;

    /// <summary>
    /// A writer onto a stream (UTF-8, no byte order mark), or, with null, into memory for <see cref="ToText"/>; with
    /// <paramref name="fragments"/>, subtrees that documents share are written once and copied after.
    /// </summary>
    public Utf8YamlWriter(Stream? stream, YamlFragments? fragments = null)
    {
        this.stream = stream;
        this.fragments = fragments;
        buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    }

    /// <summary>Writes one document: with <paramref name="marker"/> a <c>---</c> line first (every document of a multi-document file), else none (only as the first document).</summary>
    public void WriteDocument(MapValue document, bool marker)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (marker)
        {
            WriteIndent();
            WriteIndicator("---"u8, needWhitespace: true, whitespace: false, indentation: false);
        }

        // Consumer clusters may hold one manifest instance: then the whole document is a shared fragment.
        if (fragments is null || !WriteShared(document, mappingContext: false))
        {
            WriteNode(document, mappingContext: false);
        }

        WriteIndent();
        if (stream is not null && position >= BlockSize)
        {
            Flush();
        }
    }

    /// <summary>Hands what is buffered to the stream.</summary>
    public void Flush()
    {
        if (stream is not null && position > 0)
        {
            stream.Write(buffer, 0, position);
            position = 0;
        }
    }

    /// <summary>The text written so far (a writer without a stream).</summary>
    public string ToText() => Encoding.UTF8.GetString(buffer, 0, position);

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        var rented = buffer;
        buffer = [];
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void WriteNode(Value value, bool mappingContext)
    {
        switch (value)
        {
            case Scalar { Content: string text }:
                WriteString(text, simpleKey: false);
                break;
            case MapValue map:
                WriteMap(map);
                break;
            case ListValue list:
                WriteList(list, mappingContext);
                break;
            case Scalar { Content: long number }:
                WriteNumber(number);
                break;
            case Scalar { Content: bool flag }:
                WritePlainAscii(flag ? "true"u8 : "false"u8);
                break;
            case Deferred d:
                WriteString(YamlWriter.Placeholder(d.Ref), simpleKey: false);
                break;
            case Template t:
                WriteString(YamlWriter.TemplateText(t), simpleKey: false);
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }

    private void WriteMap(MapValue map)
    {
        var entries = map.Entries;
        if (entries.IsEmpty)
        {
            WriteIndicator("{"u8, needWhitespace: true, whitespace: true, indentation: false);
            WriteIndicator("}"u8, needWhitespace: false, whitespace: false, indentation: false);
            return;
        }

        var saved = indent;
        IncreaseIndent(isFlow: false, isIndentless: false);
        foreach (var (key, item) in entries)
        {
            WriteIndent();
            if (key.Length <= MaxSimpleKeyLength && !HasBreak(key))
            {
                WriteString(key, simpleKey: true);
                WriteIndicator(":"u8, needWhitespace: false, whitespace: false, indentation: false);
            }
            else
            {
                // A complex key: "? KEY" then ": VALUE" on the next line.
                WriteIndicator("?"u8, needWhitespace: true, whitespace: false, indentation: true);
                WriteString(key, simpleKey: false);
                WriteIndent();
                WriteIndicator(":"u8, needWhitespace: true, whitespace: false, indentation: true);
            }

            depth++;
            if (!Shareable(key, item) || !WriteShared(item, mappingContext: true))
            {
                WriteNode(item, mappingContext: true);
            }

            depth--;
        }

        indent = saved;
    }

    // A non-empty map or list near the top of a document (`depth` is the item's); never a manifest's metadata, which
    // names its one object.
    private bool Shareable(string key, Value item) =>
        fragments is not null && depth <= SharedDepth && YamlFragments.Shareable(item) &&
        !(depth == 1 && key == "metadata");

    // Copies the subtree's kept fragment for this layout state, or writes it and keeps it (its second sight); false on
    // its first sight, which the caller writes as usual.
    private bool WriteShared(Value item, bool mappingContext)
    {
        var layout = new YamlFragments.Layout(indent, column, isWhitespace, isIndentation, mappingContext);
        if (fragments!.TryGet(item, layout, out var fragment, out var keep))
        {
            Ensure(fragment!.Bytes.Length);
            fragment.Bytes.CopyTo(buffer.AsSpan(position));
            position += fragment.Bytes.Length;
            column = fragment.Column;
            isWhitespace = fragment.IsWhitespace;
            isIndentation = fragment.IsIndentation;
            return true;
        }

        if (!keep)
        {
            return false;
        }

        var from = position;
        keeping++;
        WriteNode(item, mappingContext);
        keeping--;
        fragments.Keep(item, layout, new YamlFragments.Fragment(buffer.AsSpan(from, position - from).ToArray(), column, isWhitespace, isIndentation));
        return true;
    }

    private void WriteList(ListValue list, bool mappingContext)
    {
        var items = list.Items;
        if (items.IsEmpty)
        {
            WriteIndicator("["u8, needWhitespace: true, whitespace: true, indentation: false);
            WriteIndicator("]"u8, needWhitespace: false, whitespace: false, indentation: false);
            return;
        }

        var saved = indent;
        IncreaseIndent(isFlow: false, isIndentless: mappingContext && !isIndentation);
        foreach (var item in items)
        {
            WriteIndent();
            WriteIndicator("-"u8, needWhitespace: true, whitespace: false, indentation: true);
            depth++;
            WriteNode(item, mappingContext: false);
            depth--;
        }

        indent = saved;
    }

    private void WriteNumber(long number)
    {
        Span<byte> digits = stackalloc byte[20];
        number.TryFormat(digits, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        WritePlainAscii(digits[..length]);
    }

    private enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    private void WriteString(string text, bool simpleKey)
    {
        var style = CachedStyle(text, simpleKey);
        var saved = indent;
        IncreaseIndent(isFlow: true, isIndentless: false);
        switch (style)
        {
            case Style.Plain:
                WritePlain(text);
                break;
            case Style.SingleQuoted:
                WriteSingleQuoted(text);
                break;
            case Style.DoubleQuoted:
                WriteDoubleQuoted(text);
                break;
            default:
                WriteLiteral(text);
                break;
        }

        indent = saved;
    }

    /// <summary>
    /// <see cref="SelectStyle"/>, remembered per string instance (issue 23): the plan shares its keys, kinds, hosts and
    /// specs between objects and clusters, so most strings a render writes are instances it has written before. A
    /// direct-mapped table by reference: a miss only costs the analysis it replaces, a hit skips it. One table per
    /// thread, shared by the writers of every file (the style is a pure function of the text).
    /// </summary>
    private static Style CachedStyle(string text, bool simpleKey)
    {
        var slot = (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text) * 2 + (simpleKey ? 1 : 0)) & (StyleSlots - 1);
        ref var entry = ref (styles ??= new StyleEntry[StyleSlots])[slot];
        if (!ReferenceEquals(entry.Text, text) || entry.SimpleKey != simpleKey)
        {
            entry = new StyleEntry(text, simpleKey, SelectStyle(text, simpleKey));
        }

        return entry.Style;
    }

    private const int StyleSlots = 1 << 12;

    [ThreadStatic]
    private static StyleEntry[]? styles;

    private readonly record struct StyleEntry(string? Text, bool SimpleKey, Style Style);

    /// <summary>MeshStack's request (literal for multi-line text, double quotes where plain text would read as another type, else any) through the Emitter's <c>SelectScalarStyle</c>.</summary>
    private static Style SelectStyle(string text, bool simpleKey)
    {
        if (IsSafePlain(text))
        {
            return Style.Plain;
        }

        var multiLine = text.Contains('\n', StringComparison.Ordinal);
        if (!multiLine && YamlWriter.NeedsQuotes(text))
        {
            return Style.DoubleQuoted;
        }

        var a = Analyze(text);
        if (a.OtherBreakOrUnwritable)
        {
            return Style.DoubleQuoted;
        }

        if (multiLine)
        {
            // "\n" alone: a literal block with no content line and clip chomping reads back as "". A first line of two or
            // more spaces only: YamlDotNet refuses it (v18.1.0, YamlDotNet/Core/Scanner.cs, "found extra spaces in first line").
            var firstLine = text.AsSpan(0, text.IndexOf('\n', StringComparison.Ordinal));
            var firstLineOfSpaces = firstLine.Length >= 2 && firstLine.IndexOfAnyExcept(' ') < 0;
            return a.BlockAllowed && !simpleKey && text != "\n" && !firstLineOfSpaces ? Style.Literal : Style.DoubleQuoted;
        }

        // A plain scalar loses a leading or trailing tab (the Emitter only looks for spaces): quoted as if it were a space.
        if (a.BlockPlainAllowed && text[0] != '\t' && text[^1] != '\t')
        {
            return Style.Plain;
        }

        return a.SingleQuotedAllowed && !a.HasSingleQuotes ? Style.SingleQuoted : Style.DoubleQuoted;
    }

    /// <summary>
    /// The common case without analysis: a letter or digit, then letters, digits, <c>.</c>, <c>-</c>, <c>_</c>, <c>/</c>
    /// (names, keys, hosts, addresses) hold no indicator, space or break, so the Emitter writes them plain unless
    /// they read as another type.
    /// </summary>
    private static bool IsSafePlain(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/'))
            {
                return false;
            }
        }

        // Of YamlWriter.NeedsQuotes only the type check can hold for such text: it has no indicator, space, tab or ':'.
        return !YamlWriter.ReadsAsNonString(text);
    }

    private readonly record struct Analysis(bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed, bool HasSingleQuotes, bool OtherBreakOrUnwritable);

    /// <summary>The Emitter's <c>AnalyzeScalar</c> (for a non-empty string, UTF-8 output), plus what only this writer refuses.</summary>
    private static Analysis Analyze(string value)
    {
        var blockIndicators = value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal);
        var precededByWhitespace = true;
        var followedByWhitespace = IsWhiteBreakOrZero(value, 1);
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, leadingQuote = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false, lineOfSpaces = false;
        bool lineBreaks = false, specialCharacters = false, singleQuotes = false, linesOfSpaces = false, otherBreakOrUnwritable = false;
        var last = value.Length - 1;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i == 0)
            {
                if (c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '"' or '%' or '@' or '`' or '\'')
                {
                    blockIndicators = true;
                    leadingQuote = c == '\'';
                    singleQuotes |= c == '\'';
                }

                if (c is '?' or ':' && followedByWhitespace)
                {
                    blockIndicators = true;
                }

                if (c == '-' && followedByWhitespace)
                {
                    blockIndicators = true;
                }
            }
            else
            {
                if (c == ':' && followedByWhitespace)
                {
                    blockIndicators = true;
                }

                if (c == '#' && precededByWhitespace)
                {
                    blockIndicators = true;
                }

                singleQuotes |= c == '\'';
            }

            if (!IsPrintable(c))
            {
                specialCharacters = true;
                var pair = char.IsHighSurrogate(c) ? i < last && char.IsLowSurrogate(value[i + 1]) : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                otherBreakOrUnwritable |= !pair;
            }

            var isBreak = IsBreak(c);
            if (isBreak)
            {
                lineBreaks = true;
                otherBreakOrUnwritable |= c != '\n';
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == last;
                if (previousBreak)
                {
                    breakSpace = true;
                    lineOfSpaces = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (isBreak)
            {
                leadingBreak |= i == 0;
                trailingBreak |= i == last;
                spaceBreak |= previousSpace;
                linesOfSpaces |= lineOfSpaces;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
                lineOfSpaces = false;
            }

            precededByWhitespace = IsWhiteBreakOrZero(c);
            followedByWhitespace = IsWhiteBreakOrZero(value, i + 2);
        }

        var plainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || leadingQuote || breakSpace || spaceBreak ||
                             specialCharacters || lineBreaks || blockIndicators);
        return new Analysis(
            BlockPlainAllowed: plainAllowed,
            SingleQuotedAllowed: !(breakSpace || spaceBreak || specialCharacters),
            BlockAllowed: !(trailingSpace || linesOfSpaces),
            HasSingleQuotes: singleQuotes,
            OtherBreakOrUnwritable: otherBreakOrUnwritable);
    }

    private static bool IsWhiteBreakOrZero(string value, int index) => index >= value.Length || IsWhiteBreakOrZero(value[index]);

    private static bool IsWhiteBreakOrZero(char c) => c is ' ' or '\t' or '\0' || IsBreak(c);

    private static bool IsBreak(char c) => c is '\r' or '\n' or '\x85' or '\u2028' or '\u2029';

    private static bool HasBreak(string text) => text.AsSpan().IndexOfAny("\r\n\x85\u2028\u2029") >= 0;

    private static bool IsPrintable(char c) =>
        c is '\x9' or '\xA' or '\xD' or (>= '\x20' and <= '\x7E') or '\x85' or (>= '\xA0' and <= '\xD7FF') or (>= '\xE000' and <= '\xFFFD');

    private void IncreaseIndent(bool isFlow, bool isIndentless)
    {
        if (indent < 0)
        {
            indent = isFlow ? BestIndent : 0;
        }
        else if (!isIndentless)
        {
            indent += BestIndent;
        }
    }

    private void WriteIndicator(ReadOnlySpan<byte> indicator, bool needWhitespace, bool whitespace, bool indentation)
    {
        Ensure(indicator.Length + 1);
        if (needWhitespace && !isWhitespace)
        {
            buffer[position++] = (byte)' ';
            column++;
        }

        indicator.CopyTo(buffer.AsSpan(position));
        position += indicator.Length;
        column += indicator.Length;
        isWhitespace = whitespace;
        isIndentation &= indentation;
    }

    private void WriteIndent()
    {
        var currentIndent = Math.Max(indent, 0);
        Ensure(currentIndent + 1);
        if (!isIndentation || column > currentIndent || (column == currentIndent && !isWhitespace))
        {
            buffer[position++] = (byte)'\n';
            column = 0;
        }

        if (column < currentIndent)
        {
            buffer.AsSpan(position, currentIndent - column).Fill((byte)' ');
            position += currentIndent - column;
            column = currentIndent;
        }

        isWhitespace = true;
        isIndentation = true;
    }

    private void WritePlainAscii(ReadOnlySpan<byte> text)
    {
        var saved = indent;
        IncreaseIndent(isFlow: true, isIndentless: false);
        Ensure(text.Length + 1);
        if (!isWhitespace)
        {
            buffer[position++] = (byte)' ';
            column++;
        }

        text.CopyTo(buffer.AsSpan(position));
        position += text.Length;
        column += text.Length;
        isWhitespace = false;
        isIndentation = false;
        indent = saved;
    }

    private void WritePlain(string text)
    {
        Ensure((text.Length * 3) + 1);
        if (!isWhitespace)
        {
            buffer[position++] = (byte)' ';
            column++;
        }

        Utf8(text);
        isWhitespace = false;
        isIndentation = false;
    }

    private void WriteSingleQuoted(string text)
    {
        WriteIndicator("'"u8, needWhitespace: true, whitespace: false, indentation: false);
        Ensure((text.Length * 3) + 1);
        var rest = text.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('\'')) >= 0)
        {
            Utf8(rest[..(quote + 1)]);
            buffer[position++] = (byte)'\'';
            column++;
            rest = rest[(quote + 1)..];
        }

        Utf8(rest);
        WriteIndicator("'"u8, needWhitespace: false, whitespace: false, indentation: false);
        isWhitespace = false;
        isIndentation = false;
    }

    private void WriteDoubleQuoted(string text)
    {
        WriteIndicator("\""u8, needWhitespace: true, whitespace: false, indentation: false);
        Ensure((text.Length * 6) + 1);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPrintable(c) && !IsBreak(c) && c is not ('"' or '\\'))
            {
                continue;
            }

            Utf8(text.AsSpan(start, i - start));
            buffer[position++] = (byte)'\\';
            column++;
            var escape = c switch
            {
                '\0' => '0',
                '\x7' => 'a',
                '\x8' => 'b',
                '\x9' => 't',
                '\xA' => 'n',
                '\xB' => 'v',
                '\xC' => 'f',
                '\xD' => 'r',
                '\x1B' => 'e',
                '"' => '"',
                '\\' => '\\',
                '\x85' => 'N',
                '\x2028' => 'L',
                '\x2029' => 'P',
                _ => '\0',
            };
            if (escape != '\0')
            {
                buffer[position++] = (byte)escape;
                column++;
            }
            else if (c <= '\xFF')
            {
                Hex('x', c, 2);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Hex('U', char.ConvertToUtf32(c, text[i + 1]), 8);
                i++;
            }
            else
            {
                Hex('u', c, 4);
            }

            start = i + 1;
        }

        Utf8(text.AsSpan(start));
        WriteIndicator("\""u8, needWhitespace: false, whitespace: false, indentation: false);
        isWhitespace = false;
        isIndentation = false;
    }

    private void Hex(char letter, int code, int digits)
    {
        buffer[position++] = (byte)letter;
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            buffer[position++] = (byte)"0123456789ABCDEF"[(code >> shift) & 0xF];
        }

        column += digits + 1;
    }

    private void WriteLiteral(string text)
    {
        WriteIndicator("|"u8, needWhitespace: true, whitespace: false, indentation: false);
        if (text[0] is ' ' or '\n')
        {
            WriteIndicator("2"u8, needWhitespace: false, whitespace: false, indentation: false);
        }

        if (text[^1] != '\n')
        {
            WriteIndicator("-"u8, needWhitespace: false, whitespace: false, indentation: false);
        }
        else if (text.Length >= 2 && text[^2] == '\n')
        {
            WriteIndicator("+"u8, needWhitespace: false, whitespace: false, indentation: false);
        }

        Ensure(1);
        buffer[position++] = (byte)'\n';
        column = 0;
        isWhitespace = true;
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (line.Length > 0)
            {
                Ensure(indent + (line.Length * 3));
                buffer.AsSpan(position, indent).Fill((byte)' ');
                position += indent;
                column = indent;
                Utf8(line);
            }

            if (end < 0)
            {
                isIndentation = false;
                return;
            }

            Ensure(1);
            buffer[position++] = (byte)'\n';
            column = 0;
            rest = rest[(end + 1)..];
        }

        isIndentation = true;
    }

    /// <summary>Encodes text that has room (callers ensure 3 bytes per char).</summary>
    private void Utf8(ReadOnlySpan<char> text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.AsSpan(position));
        position += written;
        column += written;
    }

    private void Ensure(int bytes)
    {
        if (buffer.Length - position >= bytes)
        {
            return;
        }

        if (keeping == 0)
        {
            Flush();
            if (buffer.Length - position >= bytes)
            {
                return;
            }
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, position + bytes));
        buffer.AsSpan(0, position).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
