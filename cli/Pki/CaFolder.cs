using MeshStack.Core.Plan;
using MeshStack.Core.Pki;

namespace MeshStack.Cli.Pki;

/// <summary>
/// The layout <c>meshstack ca init</c> writes and <c>render --ca-dir</c> reads: DIR/root-cert.pem, DIR/root-key.pem
/// (only for a root minted here) and DIR/&lt;cluster&gt;/{ca-cert,ca-key,root-cert,cert-chain}.pem. Keys are 0600, folders 0700.
/// </summary>
internal sealed record CaFolder(string Path)
{
    public const string RootCert = "root-cert.pem";
    public const string RootKey = "root-key.pem";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    public const string TrustFile = "trust.json";
    public const string RootsFolder = "roots";

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A root's certificate: DIR/root-cert.pem for the root named like the shorthand (the layout before roots had names), DIR/roots/NAME/root-cert.pem otherwise.</summary>
    public string RootCertOf(string root) => root == Core.Model.RootSpec.ShorthandName ? File(RootCert) : System.IO.Path.Combine(Path, RootsFolder, root, RootCert);

    /// <summary>A root's key, beside its certificate (only for a root minted here).</summary>
    public string RootKeyOf(string root) => root == Core.Model.RootSpec.ShorthandName ? File(RootKey) : System.IO.Path.Combine(Path, RootsFolder, root, RootKey);

    public string File(string cluster, CaFile file) => System.IO.Path.Combine(Path, cluster, CaFiles.FileName(file));

    /// <summary>
    /// Checks before anything is minted that <c>--out</c> can hold the CA files: not a file, not below a file, and
    /// writable (a probe file is created and removed). Problems are usage errors (exit 2), never exceptions.
    /// </summary>
    public void EnsureWritable(string displayName)
    {
        if (System.IO.File.Exists(Path))
        {
            throw new UsageException($"--out '{displayName}' is a file; --out needs a folder (new, or one written by meshstack ca init)");
        }

        if (FileSystemMessages.FileOnTheWay(Path) is { } file)
        {
            throw new UsageException($"--out '{displayName}' cannot be created: '{file}' is a file, not a folder");
        }

        var probe = System.IO.Path.Combine(Path, $".meshstack-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(Path);
            System.IO.File.WriteAllText(probe, "");
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --out '{displayName}': {FileSystemMessages.Reason(e)}; nothing was written");
        }
    }

    /// <summary>Writes a certificate (world-readable) or a key (owner only), replacing an existing file.</summary>
    public static void Write(string path, string text, bool isKey)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, PrivateFolder);
        }

        // Delete first so a key never inherits an older file's looser mode, even for a moment.
        System.IO.File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = isKey ? Private : Public;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, isKey ? Private : Public); // the umask may have narrowed it
        }
    }

    /// <summary>True when a key file can be read by group or others.</summary>
    public static bool IsTooOpen(string path) =>
        !OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0;
}
