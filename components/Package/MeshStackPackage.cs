using System.Reflection;
using System.Text.Json.Nodes;
using Pulumi.Experimental.Provider;

namespace MeshStack.Components.Package;

/// <summary>
/// The <c>meshstack</c> Pulumi package: <see cref="MeshFederation"/> served to every Pulumi language through
/// pulumi-dotnet's component provider (<c>Pulumi.Experimental.Provider.ComponentProvider</c>, whose
/// <c>ComponentAnalyzer</c> infers the schema from the args classes). Only the federation is served: the per-concern
/// components are MeshStack's own parts.
/// </summary>
public static class MeshStackPackage
{
    /// <summary>The package name: the type token is <c>meshstack:index:MeshFederation</c>.</summary>
    public const string Name = "meshstack";

    /// <summary>The package version (the assembly's informational version, without build metadata).</summary>
    public static string Version { get; } =
        (typeof(MeshFederation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0").Split('+')[0];

    /// <summary>The provider that serves the package (tests call it in process).</summary>
    public static Provider Create() => new SchemaWithSecrets(new ComponentProvider(
        typeof(MeshFederation).Assembly, new Metadata(Name, Namespace: Name, Version: Version, DisplayName: "MeshStack"), [typeof(MeshFederation)]));

    /// <summary>Serves the package to the Pulumi engine (the provider executable's whole program).</summary>
    public static Task ServeAsync(string[] args) => Provider.Serve(args, Version, _ => Create(), CancellationToken.None);

    /// <summary>
    /// The schema as <c>ComponentAnalyzer</c> writes it, plus <c>secret: true</c> on the inputs marked
    /// <see cref="SecretInputAttribute"/> (the analyzer of pulumi-dotnet 3.112.1 does not mark secrets), so every SDK
    /// documents a kubeconfig or a key as a secret, and without the empty <c>required</c> lists the metaschema refuses.
    /// The flag is documentation for nested properties: the Node and Python generators wrap only top-level inputs as
    /// secrets (pulumi pkg/codegen/nodejs/gen.go, python/gen.go), so the component wraps them itself whatever it gets.
    /// </summary>
    private sealed class SchemaWithSecrets(ComponentProvider inner) : Provider
    {
        public override async Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, CancellationToken ct)
        {
            var response = await inner.GetSchema(request, ct).ConfigureAwait(false);
            var schema = JsonNode.Parse(response.Schema!)!.AsObject();
            foreach (var type in typeof(MeshFederation).Assembly.GetTypes())
            {
                foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<SecretInputAttribute>() is not null))
                {
                    // The input's schema name: the first argument of its [Input(...)] (the attribute keeps it internal).
                    var name = (string)property.GetCustomAttributesData().First(a => a.AttributeType == typeof(Pulumi.InputAttribute)).ConstructorArguments[0].Value!;
                    var owner = type == typeof(MeshFederationArgs)
                        ? schema["resources"]![$"{Name}:index:MeshFederation"]!["inputProperties"]
                        : schema["types"]?.AsObject().FirstOrDefault(t => t.Key.EndsWith(":" + TypeName(type), StringComparison.Ordinal)).Value?["properties"];
                    if (owner?[name] is JsonObject spec)
                    {
                        spec["secret"] = true;
                    }
                }
            }

            // The metaschema wants a non-empty `required` when it is there; the analyzer writes an empty one.
            foreach (var (_, type) in schema["types"]?.AsObject() ?? [])
            {
                if (type?["required"] is JsonArray { Count: 0 })
                {
                    type.AsObject().Remove("required");
                }
            }

            return new GetSchemaResponse { Schema = schema.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) };
        }

        public override Task<ConstructResponse> Construct(ConstructRequest request, CancellationToken ct) => inner.Construct(request, ct);

        // ComponentAnalyzer names a type after its class, without a trailing "Args".
        private static string TypeName(Type type) => type.Name.EndsWith("Args", StringComparison.Ordinal) ? type.Name[..^"Args".Length] : type.Name;
    }
}
