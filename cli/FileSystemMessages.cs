namespace MeshStack.Cli;

/// <summary>File-system failures in our own words: one short reason, never an exception type or a stack trace.</summary>
internal static class FileSystemMessages
{
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder on the way does not exist",
        PathTooLongException => "the path is too long",
        FileNotFoundException => "not found",
        IOException io when io.HResult == 28 || io.Message.Contains("No space", StringComparison.OrdinalIgnoreCase) => "the disk is full",
        IOException io when io.Message.Contains("Not a directory", StringComparison.OrdinalIgnoreCase) => "a part of the path is a file, not a folder",
        IOException io when io.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase) => "the file system is read-only",
        IOException io => io.Message.TrimEnd('.').Replace("Exception", "error", StringComparison.Ordinal),
        _ => e.Message,
    };

    /// <summary>The first existing ancestor of a path that is a file (so no folder can be created below it), if any.</summary>
    public static string? FileOnTheWay(string fullPath)
    {
        for (var p = Path.GetDirectoryName(fullPath); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                return p;
            }

            if (Directory.Exists(p))
            {
                return null;
            }
        }

        return null;
    }
}
