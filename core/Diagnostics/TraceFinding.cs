using System.Globalization;

namespace MeshStack.Core.Diagnostics;

/// <summary>
/// Why a traced path dies at a hop: the FINDING of the tracer's codes (MSH140, MSH170-MSH171, MSH180-MSH187), which
/// <see cref="DiagnosticBuilder"/> frames as "PATH: HOP: FINDING (models RULE)". Only the factories below make one, one
/// per distinct finding, so the tracer passes what it saw (names, hosts, ports, endpoints) and this file owns the text.
/// Endpoints arrive as the tracer describes them (<c>ADDRESS:PORT (network N)</c>, <c>pod NS/NAME</c>), as hop titles do.
/// </summary>
internal sealed record TraceFinding
{
    private TraceFinding(string text) => Text = text;

    /// <summary>The finding as the diagnostic, the trace output and the path's dying hop quote it.</summary>
    public string Text { get; }

    // The caller's DNS (MSH180).

    /// <summary>The caller has no ServiceEntry for the global name.</summary>
    public static TraceFinding NoServiceEntry(string caller, string host) =>
        new($"no ServiceEntry in {caller} declares '{host}', so the name does not resolve");

    /// <summary>The caller's ServiceEntry has no address.</summary>
    public static TraceFinding EntryHasNoAddress(string entryNamespace, string entryName, string host) =>
        new($"ServiceEntry {entryNamespace}/{entryName} has no address, so '{host}' resolves to nothing");

    /// <summary>No sidecar DNS capture, no global zone, no stub domain.</summary>
    public static TraceFinding NothingAnswers(string host) =>
        new($"nothing answers for '{host}': no DNS capture in the sidecars, no global zone or stub in cluster DNS");

    /// <summary>The CoreDNS global zone lacks the name.</summary>
    public static TraceFinding NoGlobalZoneLine(string host) => new($"the CoreDNS global zone has no line for '{host}'");

    /// <summary>The CoreDNS global zone answers another address than the ServiceEntry's.</summary>
    public static TraceFinding GlobalZoneMismatch(string host, string answer, string entryAddress) =>
        new($"the CoreDNS global zone answers {answer} for '{host}', but the ServiceEntry listens on {entryAddress}");

    // The caller's sidecar cluster (MSH181).

    /// <summary>The caller's ServiceEntry lacks the port.</summary>
    public static TraceFinding EntryHasNoPort(string entryNamespace, string entryName, int port) =>
        new(Invariant($"ServiceEntry {entryNamespace}/{entryName} has no port {port}"));

    /// <summary>A UDP port of a .global name.</summary>
    public static TraceFinding UdpPort(int port) =>
        new(Invariant($"port {port} is UDP: istiod builds no cluster for UDP, and the 15443 gateways carry only TLS"));

    /// <summary>The caller's DestinationRule lacks the version's subset.</summary>
    public static TraceFinding NoCallerSubset(string caller, string version, string host, string sni) =>
        new($"no DestinationRule in {caller} defines subset '{version}' for '{host}', so the sidecar has no cluster {sni}");

    /// <summary>A cluster.local port that is not TCP (endpoint discovery).</summary>
    public static TraceFinding NotTcpPort(int port, string host) =>
        new(Invariant($"port {port} of '{host}' is not a TCP port: istiod builds no cluster for it"));

    // Endpoints filtered out (MSH182).

    /// <summary>A STATIC ServiceEntry with a host-name endpoint (at a sidecar, an egress or a home gateway).</summary>
    public static TraceFinding StaticHostnameEndpoint(string entryNamespace, string entryName, string address) =>
        new($"ServiceEntry {entryNamespace}/{entryName} has resolution STATIC and host-name endpoint '{address}': istiod refuses it, and EDS drops addresses that are not IPs");

    /// <summary>The sidecar's cluster keeps no endpoint.</summary>
    public static TraceFinding NoEndpointAfterSubsetAndNetwork(string sni) =>
        new($"cluster {sni} has no endpoint left after the subset and network filters");

    /// <summary>The egress gateway's cluster keeps no endpoint.</summary>
    public static TraceFinding NoEndpointAfterEgressFilters(string sni) =>
        new($"cluster {sni} has no endpoint left after the subset, network-view and mTLS filters");

    /// <summary>The sidecar's cluster.local cluster keeps no endpoint (endpoint discovery).</summary>
    public static TraceFinding NoEndpointAfterNetworkFilter(int port, string host) =>
        new(Invariant($"cluster outbound|{port}||{host} has no endpoint left after the network filter (a remote endpoint must be mTLS)"));

    // Endpoints that lead elsewhere (MSH183).

    /// <summary>An endpoint on a network this mode reaches through a gateway it does not plan.</summary>
    public static TraceFinding UnplannedNetworkGateway(string endpoint, string network, string caller) =>
        new($"endpoint {endpoint} is on network '{network}', which {caller} reaches through a network gateway this mode does not plan");

    /// <summary>Route egress, but the remote gateway is visible to sidecars.</summary>
    public static TraceFinding EgressBypassed(string endpoint, string home) =>
        new($"endpoint {endpoint} (gateway of {home}) is visible to sidecars, so calls bypass the egress gateway");

    /// <summary>An endpoint that is no gateway the tracer knows.</summary>
    public static TraceFinding NeitherHomeNorEgressGateway(string endpoint, string caller) =>
        new($"endpoint {endpoint} is neither a home gateway nor {caller}'s egress gateway");

    /// <summary>Route egress in a cluster without an egress gateway.</summary>
    public static TraceFinding NoEgressGateway(string caller) => new($"{caller} runs no egress gateway");

    /// <summary>The egress gateway's cluster holds the egress gateway itself.</summary>
    public static TraceFinding EgressSeesItself(string endpoint) =>
        new($"the egress gateway sees its own endpoint {endpoint} and would send traffic to itself");

    /// <summary>The egress gateway's cluster holds an endpoint that is no home gateway.</summary>
    public static TraceFinding NotAHomeGateway(string endpoint) => new($"endpoint {endpoint} is not a home gateway");

    /// <summary>An endpoint port other than the home gateway's cross-network port.</summary>
    public static TraceFinding NotCrossNetworkPort(string endpoint, int peerPort) =>
        new(Invariant($"endpoint {endpoint} is not the gateway's cross-network port {peerPort}"));

    /// <summary>A pod on a network the caller's istiod knows no gateway for (endpoint discovery).</summary>
    public static TraceFinding NoGatewayForNetwork(string pod, string network, string caller, string callerNetwork) =>
        new($"{pod} is on network '{network}', for which {caller}'s istiod knows no gateway, so the sidecar sends to the pod's address, which network '{callerNetwork}' cannot reach");

    /// <summary>A meshNetworks gateway address that no gateway Service listens at (endpoint discovery).</summary>
    public static TraceFinding NoServiceAtMeshNetworksGateway(string address, int port, string network, string networkLabel) =>
        new(Invariant($"meshNetworks names gateway {address}:{port} for network '{network}', but no Service labelled {networkLabel}={network} listens there (15443 on a LoadBalancer, or that nodePort)"));

    // Listeners (MSH184).

    /// <summary>The sidecar sends plain text to a gateway endpoint.</summary>
    public static TraceFinding PlainTextToGateway(string endpoint) =>
        new($"the sidecar sends plain text to {endpoint}, but a 15443 AUTO_PASSTHROUGH gateway routes only TLS by SNI");

    /// <summary>The sidecar sends plain text towards a home's gateway (endpoint discovery).</summary>
    public static TraceFinding PlainTextTowardsGateway(string home) =>
        new($"the sidecar sends plain text towards {home}'s gateway, but AUTO_PASSTHROUGH routes only TLS by SNI");

    /// <summary>No egress gateway server for the name.</summary>
    public static TraceFinding NoEgressListener(string host) =>
        new($"nothing listens on 15443 for '{host}' (no AUTO_PASSTHROUGH Gateway server selecting istio=egressgateway)");

    /// <summary>No home gateway server for the .global name.</summary>
    public static TraceFinding NoHomeListener(string host, string selector) =>
        new($"no AUTO_PASSTHROUGH server on 15443 for '{host}' selects istio={selector}");

    /// <summary>No cross-network gateway server for the cluster.local name (endpoint discovery).</summary>
    public static TraceFinding NoCrossNetworkListener(string host, string selector) =>
        new($"no AUTO_PASSTHROUGH server on 15443 for '{host}' selects istio={selector} (the cross-network gateway exposes *.local)");

    // Gateway clusters (MSH185).

    /// <summary>The egress gateway does not run in sni-dnat mode.</summary>
    public static TraceFinding EgressNotSniDnat(string sni) =>
        new($"the egress gateway's router mode does not end up 'sni-dnat', so istiod builds it no SNI-DNAT cluster and SNI {sni} names none");

    /// <summary>The egress gateway has no subset for the version.</summary>
    public static TraceFinding NoEgressSubset(string sni, string version, string host) =>
        new($"no cluster {sni}: no subset '{version}' for '{host}'");

    /// <summary>The home's DestinationRule lacks the version's subset.</summary>
    public static TraceFinding NoHomeSubset(string home, string version, string target, string sni) =>
        new($"no DestinationRule in {home} defines subset '{version}' for '{target}', so SNI {sni} names no cluster and the connection is closed");

    /// <summary>The home has no service for the SNI's host.</summary>
    public static TraceFinding NoHomeService(string home, string target, string sni) =>
        new($"{home} has no service '{target}', so SNI {sni} names no cluster and the connection is closed");

    /// <summary>The home never creates the service's ServiceEntry: its namespace is created by nothing.</summary>
    public static TraceFinding NamespaceNeverCreated(string home, string orphan, string serviceNamespace, string sni) =>
        new($"{home} never creates {orphan}: nothing creates namespace '{serviceNamespace}', so SNI {sni} names no cluster and the connection is closed");

    /// <summary>The home's ServiceEntry lacks the port.</summary>
    public static TraceFinding HomeEntryHasNoPort(string entryNamespace, string entryName, string home, int port) =>
        new(Invariant($"ServiceEntry {entryNamespace}/{entryName} in {home} has no port {port}"));

    // Pods behind the home gateway (MSH186).

    /// <summary>The home gateway's cluster for the SNI has no endpoints at all.</summary>
    public static TraceFinding HomeClusterEmpty(string sni, string target) => new($"cluster {sni} ({target}): it has no endpoints");

    /// <summary>None of the home gateway's endpoints is mTLS (and, for a version, labelled with it).</summary>
    public static TraceFinding NoMtlsHomeEndpoint(string sni, string target, int endpoints, string? version) =>
        new(Invariant($"cluster {sni} ({target}): none of its {endpoints} endpoint(s) is {(version is null ? "" : $"labelled version={version} and ")}mTLS"));

    /// <summary>The home gateway's cluster holds gateway addresses, no pod.</summary>
    public static TraceFinding OnlyGatewayAddresses(string sni, string target, IEnumerable<string> endpoints, string home, string host) =>
        new($"cluster {sni} ({target}) holds no pod, only {string.Join(", ", endpoints)}: the address leads to {home}'s gateway, which is no home of '{host}'");

    /// <summary>A home pod without a sidecar: its namespace is not labelled for injection.</summary>
    public static TraceFinding NoSidecar(string pod, string serviceNamespace) =>
        new($"{pod} has no sidecar (namespace '{serviceNamespace}' is not labelled {Plan.ApplicationNamespaces.InjectionLabel}: enabled), so nothing terminates the caller's mTLS");

    /// <summary>The cross-network gateway's istiod does not read the home (endpoint discovery).</summary>
    public static TraceFinding GatewayDoesNotReadHome(string sni, string gateway, string home) =>
        new($"cluster {sni}: {gateway}'s istiod does not read {home}, so it has none of its pods");

    /// <summary>The cross-network gateway's cluster has no endpoints (endpoint discovery).</summary>
    public static TraceFinding CrossNetworkClusterEmpty(string sni) => new($"cluster {sni}: it has no endpoints");

    /// <summary>None of the home pods is mTLS on the gateway's network (endpoint discovery).</summary>
    public static TraceFinding NoMtlsPodOnNetwork(string sni, int pods, string network) =>
        new(Invariant($"cluster {sni}: none of its {pods} endpoint(s) is mTLS on network {network}"));

    // The home pod (MSH140, MSH187).

    /// <summary>A home pod runs as an identity the caller's ServiceEntry does not accept.</summary>
    public static TraceFinding IdentityNotAccepted(string podNamespace, string podName, string identity, string caller, string entryNamespace, string entryName, IEnumerable<string> accepted) =>
        new($"pod {podNamespace}/{podName} runs as {identity}, but {caller}'s ServiceEntry {entryNamespace}/{entryName} accepts only {string.Join(", ", accepted)}; set services[].serviceAccount to the account the pods run as");

    /// <summary>A home pod gets a port it does not listen on (<paramref name="endpointPort"/> 0: a targetPort name it does not declare).</summary>
    public static TraceFinding PodDoesNotListen(string pod, int endpointPort, string host, int port, IEnumerable<int> listens) =>
        new(Invariant($"{pod} gets port {(endpointPort == 0 ? "(a targetPort name the pod does not declare)" : endpointPort.ToString(CultureInfo.InvariantCulture))} for {host}:{port} but listens on {string.Join(", ", listens.Order())}; declare the port the pods listen on as ports[].targetPort"));

    // Remote secrets and cluster.local DNS (MSH170, MSH171).

    /// <summary>No remote secret for a home's cluster ID.</summary>
    public static TraceFinding NoRemoteSecret(string clusterId, string caller, string host, string home) =>
        new($"no remote secret for cluster ID '{clusterId}' in {caller}/istio-system, so its istiod never sees the endpoints of '{host}' in {home}");

    /// <summary>A remote secret that reads another API server.</summary>
    public static TraceFinding RemoteSecretReadsOtherServer(string clusterId, string server, string home, string? apiServer) =>
        new($"the remote secret for '{clusterId}' reads {server}, not the API server of {home} ({apiServer})");

    /// <summary>Cluster DNS of the caller does not know a name whose Service is only in the homes.</summary>
    public static TraceFinding NoDnsCapture(string host, IEnumerable<string> homes, string caller) =>
        new($"the sidecars do not capture DNS (only dns: proxy does), and '{host}' has a Service only in {string.Join(", ", homes)}, so cluster DNS of {caller} does not know it");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
