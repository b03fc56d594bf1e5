using System.Security.Cryptography;
using System.Text;

namespace MeshStack.Cli;

/// <summary>
/// Serialises renders that share an output folder or a lock file, across processes: a named system mutex per full
/// path (no file is left in the user's folders). A second render waits for the first, then reads the lock file the
/// first one wrote, so concurrent renders agree on every address and never share a temp file.
/// </summary>
internal sealed class RenderMutex : IDisposable
{
    private readonly List<Mutex> held = [];

    private RenderMutex()
    {
    }

    /// <summary>How long a render waits for another one before giving up (exit 2).</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Takes the locks of the given paths, always in ordinal order so two renders never wait on each other.</summary>
    public static RenderMutex Acquire(IEnumerable<string> fullPaths)
    {
        var result = new RenderMutex();
        try
        {
            foreach (var path in fullPaths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                Mutex mutex;
                try
                {
                    mutex = new Mutex(initiallyOwned: false, Name(path));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or WaitHandleCannotBeOpenedException)
                {
                    // No named mutexes here (no writable shared-memory folder): carry on unserialised; every write is
                    // still atomic (own temp names, then renames), so the worst case is the last render winning.
                    continue;
                }

                try
                {
                    if (!mutex.WaitOne(Patience))
                    {
                        mutex.Dispose();
                        throw new UsageException($"another meshstack render has been writing '{path}' for {Patience.TotalMinutes:0} minutes; try again when it has finished");
                    }
                }
                catch (AbandonedMutexException)
                {
                    // A render that died while holding it: its temp files are its own, so carrying on is safe.
                }

                result.held.Add(mutex);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var mutex in held)
        {
            mutex.ReleaseMutex();
            mutex.Dispose();
        }

        held.Clear();
    }

    private static string Name(string path) =>
        "meshstack-render-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..32];
}
