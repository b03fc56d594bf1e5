using System.Text.Json;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Deployment;

/// <summary>
/// What a federation must get back on its next run: the address table it allocated and the record of what it
/// deployed. The component outputs it as <c>state</c>; a program exports it and the component reads it back, so
/// addresses never move and core can check each change (a missing record is a first run).
/// </summary>
/// <param name="AddressTable">The address table as the <c>addressTable</c> output holds it, or null.</param>
/// <param name="Deployment">The deployment record as the <c>deployment</c> output holds it, or null.</param>
public sealed record FederationState(string? AddressTable, string? Deployment)
{
    /// <summary>The state of a first run.</summary>
    public static FederationState None { get; } = new(null, null);

    /// <summary>The state as compact JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, string?> { ["addressTable"] = AddressTable, ["deployment"] = Deployment }, Model.CoreJson.Default.DictionaryStringString);

    /// <summary>Reads the state back; text that is not a state is MSH209 (the run stops rather than re-address).</summary>
    public static (FederationState? State, Diagnostic? Problem) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return root.ValueKind == JsonValueKind.Object
                ? (new FederationState(Field("addressTable"), Field("deployment")), null)
                : (null, DiagnosticBuilder.DeploymentRecordDamaged(jsonError: null));
        }
        catch (JsonException e)
        {
            return (null, DiagnosticBuilder.DeploymentRecordDamaged(e.Message));
        }
    }

    /// <summary>The deployment record in this state: null for a first run, the legacy record for a table without a record.</summary>
    public (DeploymentRecord? Record, Diagnostic? Problem) Record() =>
        Deployment is { } json ? DeploymentRecordJson.Read(json)
        : AddressTable is not null ? (DeploymentRecord.Legacy, null)
        : (null, null);
}
