using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Support;

/// <summary>
/// A planned manifest as JSON, with every deploy-time value replaced by a plausible placeholder of the right
/// shape (documentation addresses from 192.0.2.0/24, resolution STATIC), so a schema sees what deploy time would send.
/// </summary>
public static class ManifestJson
{
    /// <summary>The JSON form of a value; deploy-time values become <paramref name="placeholder"/>'s text (default: <see cref="Placeholder"/>).</summary>
    public static JsonNode? From(Value value, Func<DeployValue, string>? placeholder = null)
    {
        var text = placeholder ?? Placeholder;
        return value switch
        {
            MapValue map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, From(e.Value, text)))),
            ListValue list => new JsonArray(list.Items.Select(i => From(i, text)).ToArray()),
            Scalar { Content: string s } => JsonValue.Create(s),
            Scalar { Content: long n } => JsonValue.Create(n),
            Scalar { Content: bool b } => JsonValue.Create(b),
            Scalar { Content: double d } => JsonValue.Create(d),
            Deferred deferred => JsonValue.Create(text(deferred.Ref)),
            Template template => JsonValue.Create(string.Concat(template.Parts.Select(p => p is DeployValue d ? text(d) : Convert.ToString(p, CultureInfo.InvariantCulture)))),
            _ => throw new NotSupportedException(value.GetType().Name),
        };
    }

    /// <summary>The text a deploy-time value stands for in tests.</summary>
    public static string Placeholder(DeployValue value) => value switch
    {
        GatewayAddressOf => "192.0.2.1",
        ResolutionFor => "STATIC",
        EgressEndpointFor => "192.0.2.2",
        EgressGatewayIpOf => "192.0.2.3",
        IstioCoreDnsIpOf => "192.0.2.4",
        GeneratedMeshId => "mesh-generated",
        CaFileOf => Convert.ToBase64String(Encoding.ASCII.GetBytes("placeholder")),
        _ => "placeholder",
    };
}
