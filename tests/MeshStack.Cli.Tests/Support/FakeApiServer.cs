using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MeshStack.Cli.Tests.Support;

/// <summary>
/// A Kubernetes API server just large enough for the real <c>kubectl</c> to run docs/gitops.md's apply commands against it:
/// legacy discovery, OpenAPI v3 stubs that announce server-side field validation (so kubectl needs no schemas), get,
/// list with equality and existence label selectors, create, server-side apply, delete, and CRDs that add their kind.
/// It stores what it is sent and records every request.
/// <para>
/// What it does NOT model, so what a test against it cannot show: field ownership and conflicts of server-side apply (an
/// apply merges labels and annotations and replaces the other top-level fields; it never removes a field a manager
/// gave up), admission (webhooks, schema validation, immutable fields), defaulting, garbage collection (deleting a
/// Namespace deletes nothing else here), and watches. kubectl's own logic (what it labels, lists and deletes, and the
/// ApplySet parent it reads and patches) is what runs for real.
/// </para>
/// </summary>
internal sealed class FakeApiServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<Kind> kinds =
    [
        new("", "v1", "Namespace", "namespaces", false),
        new("", "v1", "Secret", "secrets", true),
        new("", "v1", "ConfigMap", "configmaps", true),
        new("", "v1", "Service", "services", true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true),
        new("apps", "v1", "Deployment", "deployments", true),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
        // What the Istio base chart installs: helmfile is not run here.
        new("networking.istio.io", "v1", "ServiceEntry", "serviceentries", true),
        new("networking.istio.io", "v1", "DestinationRule", "destinationrules", true),
        new("networking.istio.io", "v1", "Gateway", "gateways", true),
        new("networking.istio.io", "v1", "VirtualService", "virtualservices", true),
    ];

    private readonly Dictionary<(string Group, string Plural, string? Namespace, string Name), JsonObject> store = [];
    private readonly List<string> requests = [];
    private readonly Lock gate = new();
    private int uid;

    public FakeApiServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Every request so far, as <c>METHOD path</c>.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The stored objects as <c>Kind/namespace/name</c> (namespace <c>-</c> for cluster-scoped ones).</summary>
    public IReadOnlyList<string> Objects()
    {
        lock (gate)
        {
            return [.. store.Select(p => $"{kinds.First(k => k.Group == p.Key.Group && k.Plural == p.Key.Plural).Name}/{p.Key.Namespace ?? "-"}/{p.Key.Name}").Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A stored object, or null.</summary>
    public JsonObject? Get(string group, string plural, string? ns, string name)
    {
        lock (gate)
        {
            return store.TryGetValue((group, plural, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    /// <summary>Stores an object as if someone else had created it.</summary>
    public void Seed(string group, string plural, string? ns, JsonObject obj)
    {
        lock (gate)
        {
            var metadata = (JsonObject)obj["metadata"]!;
            metadata["uid"] = $"uid-{++uid}";
            store[(group, plural, ns, (string)metadata["name"]!)] = obj;
        }
    }

    public void Dispose()
    {
        try
        {
            listener.Stop();
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener looks its endpoint up again on close and binds it when not found; another process
            // may hold the port by then. The server is done either way.
        }
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        try
        {
            int status;
            JsonNode body;
            lock (gate)
            {
                (status, body) = Route(context.Request);
            }

            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // kubectl went away.
        }
    }

    private (int, JsonNode) Route(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath.TrimEnd('/');
        requests.Add($"{request.HttpMethod} {path}");

        switch (path)
        {
            case "/version":
                return (200, new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0" });
            case "/api":
                return (200, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
            case "/apis":
                return (200, Groups());
            case "/openapi/v3":
                return (200, OpenApiRoot());
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            return (200, OpenApiGroup(path["/openapi/v3/".Length..]));
        }

        if (path.StartsWith("/openapi", StringComparison.Ordinal))
        {
            return NotFound("openapi v2 is not served");
        }

        var parts = path.Trim('/').Split('/');
        var (group, version, rest) = parts[0] == "api" ? ("", parts[1], parts[2..]) : (parts[1], parts.Length > 2 ? parts[2] : "", parts[Math.Min(3, parts.Length)..]);
        if (rest.Length == 0)
        {
            return (200, Resources(group, version));
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            ns = rest[1];
            rest = rest[2..];
        }

        var kind = Find(group, rest[0]);
        if (kind is null)
        {
            return NotFound($"the server could not find the requested resource {rest[0]}");
        }

        var name = rest.Length > 1 ? rest[1] : null;
        {
            return request.HttpMethod switch
            {
                "GET" when name is not null => store.TryGetValue((group, kind.Plural, ns, name), out var found) ? (200, found.DeepClone()) : NotFound($"{kind.Plural} \"{name}\" not found", kind, name),
                "GET" => (200, List(kind, ns, request.QueryString["labelSelector"])),
                "POST" => Create(kind, ns, Body(request)),
                "PATCH" when name is not null => Apply(kind, ns, name, Body(request)),
                "DELETE" when name is not null => store.Remove((group, kind.Plural, ns, name), out var gone) ? (200, gone) : NotFound($"{kind.Plural} \"{name}\" not found", kind, name),
                _ => (405, new JsonObject { ["kind"] = "Status", ["code"] = 405 }),
            };
        }
    }

    private (int, JsonNode) Create(Kind kind, string? ns, JsonObject body)
    {
        var name = (string)body["metadata"]!["name"]!;
        if (store.ContainsKey((kind.Group, kind.Plural, ns, name)))
        {
            return (409, Status(409, "AlreadyExists", $"{kind.Plural} \"{name}\" already exists", kind, name));
        }

        return Apply(kind, ns, name, body);
    }

    private (int, JsonNode) Apply(Kind kind, string? ns, string name, JsonObject body)
    {
        var key = (kind.Group, kind.Plural, ns, name);
        var metadata = (JsonObject)body["metadata"]!;
        if (store.TryGetValue(key, out var current))
        {
            var merged = (JsonObject)current.DeepClone();
            var mergedMeta = (JsonObject)merged["metadata"]!;
            foreach (var field in new[] { "labels", "annotations" })
            {
                if (metadata[field] is JsonObject given)
                {
                    var into = mergedMeta[field] as JsonObject ?? [];
                    foreach (var (k, v) in given)
                    {
                        into[k] = v?.DeepClone();
                    }

                    mergedMeta[field] = into;
                }
            }

            foreach (var (k, v) in body)
            {
                if (k != "metadata")
                {
                    merged[k] = v?.DeepClone();
                }
            }

            store[key] = merged;
            return (200, merged.DeepClone());
        }

        var created = (JsonObject)body.DeepClone();
        var meta = (JsonObject)created["metadata"]!;
        meta["uid"] = $"uid-{++uid}";
        meta["resourceVersion"] = "1";
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        store[key] = created;
        if (kind.Name == "CustomResourceDefinition" && created["spec"] is JsonObject spec)
        {
            kinds.Add(new Kind(
                (string)spec["group"]!, (string)spec["versions"]![0]!["name"]!, (string)spec["names"]!["kind"]!, (string)spec["names"]!["plural"]!,
                (string)spec["scope"]! == "Namespaced"));
        }

        return (201, created.DeepClone());
    }

    private JsonObject List(Kind kind, string? ns, string? selector)
    {
        var items = store.Where(p => p.Key.Group == kind.Group && p.Key.Plural == kind.Plural && (ns is null || p.Key.Namespace == ns)).Select(p => p.Value);
        foreach (var term in (selector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            items = eq < 0
                ? items.Where(o => Labels(o).ContainsKey(term))
                : items.Where(o => Labels(o).TryGetPropertyValue(term[..eq], out var v) && (string?)v == term[(eq + 1)..]);
        }

        return new JsonObject
        {
            ["kind"] = kind.Name + "List",
            ["apiVersion"] = kind.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.DeepClone())]),
        };
    }

    private static JsonObject Labels(JsonObject o) => o["metadata"]?["labels"] as JsonObject ?? [];

    private JsonObject Groups()
    {
        var groups = kinds.Where(k => k.Group.Length > 0).Select(k => (k.Group, k.Version)).Distinct()
            .Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Group,
                ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{g.Group}/{g.Version}", ["version"] = g.Version }),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g.Group}/{g.Version}", ["version"] = g.Version },
            });
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray([.. groups]) };
    }

    private JsonObject Resources(string group, string version) => new()
    {
        ["kind"] = "APIResourceList",
        ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
        ["resources"] = new JsonArray([.. kinds.Where(k => k.Group == group && k.Version == version).Select(k => (JsonNode)new JsonObject
        {
            ["name"] = k.Plural,
            ["singularName"] = k.Name.ToLowerInvariant(),
            ["namespaced"] = k.Namespaced,
            ["kind"] = k.Name,
            ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
        })]),
    };

    // kubectl checks /openapi/v3 for the fieldValidation parameter of PATCH and then leaves validation to the server.
    private JsonObject OpenApiRoot()
    {
        var paths = new JsonObject();
        foreach (var gv in kinds.Select(k => k.OpenApiPath).Distinct(StringComparer.Ordinal))
        {
            paths[gv] = new JsonObject { ["serverRelativeURL"] = string.Create(CultureInfo.InvariantCulture, $"/openapi/v3/{gv}?hash=H{kinds.Count}") };
        }

        return new JsonObject { ["paths"] = paths };
    }

    private JsonObject OpenApiGroup(string gv)
    {
        var paths = new JsonObject();
        foreach (var k in kinds.Where(k => k.OpenApiPath == gv))
        {
            paths["/" + gv + (k.Namespaced ? "/namespaces/{namespace}" : "") + "/" + k.Plural + "/{name}"] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Name },
                    ["responses"] = new JsonObject(),
                },
            };
        }

        return new JsonObject { ["openapi"] = "3.0.0", ["info"] = new JsonObject { ["title"] = "fake", ["version"] = "1" }, ["paths"] = paths, ["components"] = new JsonObject { ["schemas"] = new JsonObject() } };
    }

    private Kind? Find(string group, string plural) => kinds.FirstOrDefault(k => k.Group == group && k.Plural == plural);

    private static JsonObject Body(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return (JsonObject)JsonNode.Parse(reader.ReadToEnd())!;
    }

    private static (int, JsonNode) NotFound(string message, Kind? kind = null, string? name = null) => (404, Status(404, "NotFound", message, kind, name));

    private static JsonObject Status(int code, string reason, string message, Kind? kind, string? name) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["reason"] = reason,
        ["code"] = code,
        ["message"] = message,
        ["details"] = kind is null ? null : new JsonObject { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural },
    };

    private sealed record Kind(string Group, string Version, string Name, string Plural, bool Namespaced)
    {
        public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

        public string OpenApiPath => Group.Length == 0 ? "api/v1" : $"apis/{Group}/{Version}";
    }
}
