using System.Text.Json.Serialization;

namespace MeshStack.Core.Model;

/// <summary>
/// The few shapes core hands to System.Text.Json's serializer, generated at build time: no reflection at run time, so the
/// <c>meshstack</c> tool can be published trimmed or as Native AOT (issue 23). Default options: the same bytes as before.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class CoreJson : JsonSerializerContext;
