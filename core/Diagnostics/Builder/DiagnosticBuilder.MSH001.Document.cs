using MeshStack.Core.Config;

namespace MeshStack.Core.Diagnostics;

/// <summary>What makes a document unusable before any key is read (MSH001, MSH102).</summary>
internal enum DocumentProblem
{
    /// <summary>A YAML file with no document.</summary>
    EmptyYaml,

    /// <summary>A YAML file with a second document.</summary>
    SeveralDocuments,

    /// <summary>YamlDotNet's parser stopped in an invalid state.</summary>
    ParserStopped,

    /// <summary>A stack file with nothing in it.</summary>
    EmptyStackFile,

    /// <summary>The Pulumi project file given as a stack file (MSH102).</summary>
    ProjectFile,

    /// <summary>meshstack: keys at the top of the file, without <c>config:</c> (MSH102).</summary>
    KeysWithoutConfig,
}

/// <summary>The kind of value a key takes (MSH003).</summary>
internal enum ValueKind
{
    /// <summary>A mapping of keys.</summary>
    Mapping,

    /// <summary>A list.</summary>
    List,

    /// <summary>A scalar read as text.</summary>
    Text,

    /// <summary>An integer.</summary>
    WholeNumber,

    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>What a required key holds (MSH004).</summary>
internal enum RequiredValue
{
    /// <summary>An item of meshstack:clusters.</summary>
    ClusterMapping,

    /// <summary>clusters[].name.</summary>
    ClusterName,

    /// <summary>An item of meshstack:services.</summary>
    ServiceMapping,

    /// <summary>services[].name.</summary>
    ServiceName,

    /// <summary>services[].namespace.</summary>
    ServiceNamespace,

    /// <summary>services[].ports[].name.</summary>
    PortName,

    /// <summary>services[].ports[].number.</summary>
    PortNumber,

    /// <summary>rootCas[].name.</summary>
    RootName,

    /// <summary>rootCas[].import.certPem.</summary>
    RootCertificate,

    /// <summary>rootCas[].import.keyPem.</summary>
    RootKey,
}

// MSH001-MSH007: the document itself.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH001: the document is empty or holds more than one YAML document, or the parser stopped.</summary>
    internal static Diagnostic MalformedDocument(string path, DocumentProblem problem, SourcePosition? position) => At(path, problem switch
    {
        DocumentProblem.EmptyYaml => "the file is empty; expected a mapping with a 'config:' key",
        DocumentProblem.SeveralDocuments => "the file holds more than one YAML document; keep one stack per file",
        DocumentProblem.EmptyStackFile => "the file is empty; a stack file starts with 'config:'",
        _ => "not valid YAML: the parser stopped; check brackets, braces and quotes",
    }, position);

    /// <summary>MSH001: the text is not JSON; <paramref name="jsonError"/> is System.Text.Json's message.</summary>
    internal static Diagnostic MalformedDocument(string path, string jsonError) => At(path, $"not valid JSON: {jsonError}");

    /// <summary>MSH001: the text is not YAML; <paramref name="yamlError"/> is the parser's message, trimmed.</summary>
    internal static Diagnostic MalformedDocument(string path, string yamlError, SourcePosition? position) =>
        At(path, $"not valid YAML: {yamlError}", position);

    /// <summary>MSH001: a flow collection opened with <paramref name="open"/> is never closed.</summary>
    internal static Diagnostic MalformedDocument(string path, char open, SourcePosition? position) =>
        At(path, $"not valid YAML: the '{open}' opened here is never closed; close it with '{(open == '[' ? ']' : '}')}' and separate its items with commas", position);

    /// <summary>MSH001: the stack file's root is not a mapping; <paramref name="found"/> describes it.</summary>
    internal static Diagnostic MalformedDocument(SourcePosition? position, string found) =>
        At("", $"a stack file is a mapping with a 'config:' key, found {found}", position);

    /// <summary>MSH002: a key of a mapping that only knows <paramref name="known"/>; <paramref name="closest"/> is the known key it may be a typo of.</summary>
    internal static Diagnostic UnknownKey(string path, string key, string? closest, IEnumerable<string> known, SourcePosition? position) =>
        At(path, $"unknown key '{key}'{DidYouMean(closest)}; known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}", position);

    /// <summary>MSH002: an unknown top-level <c>meshstack:</c> key; <paramref name="closest"/> is the known key it may be a typo of.</summary>
    internal static Diagnostic UnknownKey(string path, string? closest, SourcePosition? position) =>
        At(path, $"unknown key '{path}'{DidYouMean(closest)}", position);

    /// <summary>MSH003: a value is not the <paramref name="expected"/> kind; <paramref name="found"/> describes it (<see cref="Config.ConfigNode.Describe"/>).</summary>
    internal static Diagnostic WrongType(string path, ValueKind expected, string found, SourcePosition? position) =>
        At(path, $"expected {Words(expected)}, found {found}", position);

    /// <summary>MSH004: a required key is missing; <paramref name="what"/> is what it holds.</summary>
    internal static Diagnostic MissingKey(string path, RequiredValue what, SourcePosition? position) => At(path, $"missing: {Words(what)}", position);

    /// <summary>MSH004: a stack file without its <c>config:</c> mapping.</summary>
    internal static Diagnostic MissingKey(SourcePosition? position) =>
        At("config", "the file has no 'config:' mapping with meshstack: keys", position);

    /// <summary>MSH004: a required name is written empty, or as a secret.</summary>
    internal static Diagnostic MissingKey(string path, RequiredValue what, bool secret, SourcePosition? position) =>
        At(path, $"{Words(what)} is {(secret ? "a secret; write it in plain text" : "empty; write a DNS-1123 label")}", position);

    private static string Words(ValueKind kind) => kind switch
    {
        ValueKind.Mapping => "a mapping",
        ValueKind.List => "a list",
        ValueKind.Text => "text",
        ValueKind.WholeNumber => "a whole number",
        _ => "true or false",
    };

    private static string Words(RequiredValue what) => what switch
    {
        RequiredValue.ClusterMapping => "a cluster mapping",
        RequiredValue.ClusterName => "the cluster name",
        RequiredValue.ServiceMapping => "a service mapping",
        RequiredValue.ServiceName => "the service name",
        RequiredValue.ServiceNamespace => "the service namespace",
        RequiredValue.PortName => "the port name (a DNS-1123 label such as http1)",
        RequiredValue.PortNumber => "the port number",
        RequiredValue.RootName => "the root's name (a DNS-1123 label such as 'ca' or 'root-2027')",
        RequiredValue.RootCertificate => "the root certificate (PEM)",
        _ => "the root key (PEM); keep it secret with `pulumi config set --secret`",
    };

    /// <summary>MSH005: a key written twice in one mapping.</summary>
    internal static Diagnostic DuplicateKey(string path, string key, SourcePosition? position) =>
        At(path, $"the key '{key}' appears more than once; keep one", position);

    /// <summary>MSH006: a number outside <paramref name="min"/>-<paramref name="max"/> (the default range code).</summary>
    internal static Diagnostic InvalidValue(string path, long value, int min, int max, SourcePosition? position) =>
        At(path, OutsideRange(value, min, max), position);

    /// <summary>MSH006: a word that is not one of <paramref name="words"/>; <paramref name="closest"/> is the word it may be a typo of.</summary>
    internal static Diagnostic InvalidValue(string path, string text, IEnumerable<string> words, string? closest, SourcePosition? position) =>
        At(path, $"'{text}' is not one of: {string.Join(", ", words)}{DidYouMean(closest)}", position);

    /// <summary>MSH006: <c>meshstack:istio.version</c> is not a version such as <paramref name="example"/>.</summary>
    internal static Diagnostic InvalidValue(string path, string text, Model.IstioVersion example, SourcePosition? position) =>
        At(path, $"'{text}' is not a version like {example}", position);

    /// <summary>MSH006: a DNS mode word that is none of <paramref name="modes"/>.</summary>
    internal static Diagnostic InvalidValue(string path, string text, IReadOnlyList<string> modes, SourcePosition? position) =>
        At(path, $"'{text}' is not a DNS mode; use one of {string.Join(", ", modes)}{DidYouMean(NodeReader.Closest(text, modes))}", position);

    /// <summary>MSH007: a list longer than MeshStack's <paramref name="limit"/> for it.</summary>
    internal static Diagnostic TooLarge(string path, BoundedList list, int count, int limit, SourcePosition? position) => At(path, list switch
    {
        BoundedList.Clusters => $"{count} clusters; at most {limit} are supported",
        BoundedList.Services => $"{count} services; at most {limit} are supported",
        BoundedList.Ports => $"{count} ports; at most {limit} per service",
        BoundedList.Roots => $"{count} roots; at most {limit} can be trusted at once",
        _ => $"{count} entries is more than MeshStack supports",
    }, position);

    // The message of every NodeReader.Int range check, whichever code it reports under.
    private static string OutsideRange(long value, int min, int max) => $"{value} is outside {min}-{max}";
}

/// <summary>Builds the diagnostic of a number outside its range (NodeReader.Int): a DiagnosticBuilder method group.</summary>
internal delegate Diagnostic OutOfRange(string path, long value, int min, int max, SourcePosition? position);

/// <summary>A list MeshStack bounds (MSH007), named in its message.</summary>
internal enum BoundedList
{
    /// <summary>meshstack:clusters.</summary>
    Clusters,

    /// <summary>meshstack:services.</summary>
    Services,

    /// <summary>A service's ports.</summary>
    Ports,

    /// <summary>meshstack:rootCas.</summary>
    Roots,

    /// <summary>Any other list of names.</summary>
    Entries,
}
