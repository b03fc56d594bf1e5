using System.Collections.Immutable;
using System.Reflection;

namespace MeshStack.Core.Diagnostics;

/// <summary>
/// Every diagnostic MeshStack reports. Codes are stable: never renumber, only add.
/// docs/diagnostics.md lists them (a test keeps the list and the table in step).
/// </summary>
public static class Codes
{
    // The document itself.
    /// <summary>MSH001.</summary>
    public static readonly DiagnosticDescriptor MalformedDocument = new("MSH001", Severity.Error, "The file is empty or is not valid YAML/JSON");
    /// <summary>MSH002.</summary>
    public static readonly DiagnosticDescriptor UnknownKey = new("MSH002", Severity.Error, "Unknown configuration key");
    /// <summary>MSH003.</summary>
    public static readonly DiagnosticDescriptor WrongType = new("MSH003", Severity.Error, "A value has the wrong type");
    /// <summary>MSH004.</summary>
    public static readonly DiagnosticDescriptor MissingKey = new("MSH004", Severity.Error, "A required key is missing");
    /// <summary>MSH005.</summary>
    public static readonly DiagnosticDescriptor DuplicateKey = new("MSH005", Severity.Error, "A key appears twice in one mapping");
    /// <summary>MSH006.</summary>
    public static readonly DiagnosticDescriptor InvalidValue = new("MSH006", Severity.Error, "A value is not one of the allowed values");
    /// <summary>MSH007.</summary>
    public static readonly DiagnosticDescriptor TooLarge = new("MSH007", Severity.Error, "A list is larger than MeshStack supports");

    // Names.
    /// <summary>MSH010.</summary>
    public static readonly DiagnosticDescriptor InvalidName = new("MSH010", Severity.Error, "A name is not a DNS-1123 label");
    /// <summary>MSH011.</summary>
    public static readonly DiagnosticDescriptor DuplicateCluster = new("MSH011", Severity.Error, "Two clusters have the same name");
    /// <summary>MSH012.</summary>
    public static readonly DiagnosticDescriptor DuplicateService = new("MSH012", Severity.Error, "Two services have the same name and namespace");
    /// <summary>MSH013.</summary>
    public static readonly DiagnosticDescriptor UnknownHomeCluster = new("MSH013", Severity.Error, "A service runs in a cluster that is not declared");
    /// <summary>MSH014.</summary>
    public static readonly DiagnosticDescriptor UnknownConsumer = new("MSH014", Severity.Error, "A consumer names a cluster that is not declared");
    /// <summary>MSH015.</summary>
    public static readonly DiagnosticDescriptor ConsumerIsHome = new("MSH015", Severity.Error, "A consumer is one of the service's own home clusters");
    /// <summary>MSH016.</summary>
    public static readonly DiagnosticDescriptor NoClusters = new("MSH016", Severity.Error, "The federation declares no cluster");
    /// <summary>MSH017.</summary>
    public static readonly DiagnosticDescriptor NoHomeCluster = new("MSH017", Severity.Error, "A service names no home cluster");

    // Ports.
    /// <summary>MSH020.</summary>
    public static readonly DiagnosticDescriptor NoPorts = new("MSH020", Severity.Error, "A service declares no port");
    /// <summary>MSH021.</summary>
    public static readonly DiagnosticDescriptor PortOutOfRange = new("MSH021", Severity.Error, "A port number is outside 1-65535");
    /// <summary>MSH022.</summary>
    public static readonly DiagnosticDescriptor DuplicatePort = new("MSH022", Severity.Error, "Two ports of a service share a name or a number");
    /// <summary>MSH023.</summary>
    public static readonly DiagnosticDescriptor UnknownProtocol = new("MSH023", Severity.Error, "A port protocol is not one Istio knows");
    /// <summary>MSH024.</summary>
    public static readonly DiagnosticDescriptor UdpPort = new("MSH024", Severity.Error, "A UDP port cannot be shared across clusters");
    /// <summary>MSH025.</summary>
    public static readonly DiagnosticDescriptor InvalidServiceAccount = new("MSH025", Severity.Error, "A service account is not a valid Kubernetes ServiceAccount name");

    // Addresses.
    /// <summary>MSH030.</summary>
    public static readonly DiagnosticDescriptor InvalidPool = new("MSH030", Severity.Error, "The address pool is not an IPv4 CIDR");
    /// <summary>MSH031.</summary>
    public static readonly DiagnosticDescriptor PoolOverlapsReserved = new("MSH031", Severity.Error, "The address pool overlaps a reserved range");
    /// <summary>MSH032.</summary>
    public static readonly DiagnosticDescriptor PoolTooSmall = new("MSH032", Severity.Error, "The address pool has fewer addresses than there are services");
    /// <summary>MSH033.</summary>
    public static readonly DiagnosticDescriptor InvalidAddress = new("MSH033", Severity.Error, "A pinned address is not an IPv4 address");
    /// <summary>MSH034.</summary>
    public static readonly DiagnosticDescriptor AddressOutsidePool = new("MSH034", Severity.Error, "A pinned address is outside the address pool");
    /// <summary>MSH035.</summary>
    public static readonly DiagnosticDescriptor AddressReserved = new("MSH035", Severity.Error, "A pinned address is in a reserved range");
    /// <summary>MSH036.</summary>
    public static readonly DiagnosticDescriptor AddressPinnedTwice = new("MSH036", Severity.Error, "Two services are pinned to one address");
    /// <summary>MSH037.</summary>
    public static readonly DiagnosticDescriptor PreviousAllocationIgnored = new("MSH037", Severity.Warning, "A previous address could not be kept");

    // Gateways and routing.
    /// <summary>MSH040.</summary>
    public static readonly DiagnosticDescriptor InvalidGatewayAddress = new("MSH040", Severity.Error, "A gateway address is neither an IP address nor a host name");
    /// <summary>MSH041.</summary>
    public static readonly DiagnosticDescriptor NodePortOutOfRange = new("MSH041", Severity.Error, "A gateway nodePort is outside 30000-32767");
    /// <summary>MSH042.</summary>
    public static readonly DiagnosticDescriptor EgressWithoutGateway = new("MSH042", Severity.Error, "Egress routing needs an egress gateway in the consumer cluster");
    /// <summary>MSH043.</summary>
    public static readonly DiagnosticDescriptor InvalidVersion = new("MSH043", Severity.Error, "A service version is not a valid subset name or appears twice");
    /// <summary>MSH044.</summary>
    public static readonly DiagnosticDescriptor Gateway15443InLegacy = new("MSH044", Severity.Error, "The legacy-gateways profile already configures the 15443 gateway");
    /// <summary>MSH045.</summary>
    public static readonly DiagnosticDescriptor InvalidWeights = new("MSH045", Severity.Error, "Traffic weights must name declared versions and add up to 100");
    /// <summary>MSH046.</summary>
    public static readonly DiagnosticDescriptor NodePortNeedsAddress = new("MSH046", Severity.Error, "A gateway nodePort needs an explicit node address");

    // DNS.
    /// <summary>MSH050.</summary>
    public static readonly DiagnosticDescriptor UnsupportedDnsMode = new("MSH050", Severity.Error, "The cluster's DNS cannot do the chosen DNS mode");
    /// <summary>MSH051.</summary>
    public static readonly DiagnosticDescriptor UnknownCoreDnsVersion = new("MSH051", Severity.Error, "The CoreDNS version is not one MeshStack knows");
    /// <summary>MSH052.</summary>
    public static readonly DiagnosticDescriptor CorefileNotMergeable = new("MSH052", Severity.Error, "The cluster's Corefile cannot take MeshStack's global block; it was left unchanged");
    /// <summary>MSH053.</summary>
    public static readonly DiagnosticDescriptor StubDomainsNotMergeable = new("MSH053", Severity.Error, "The cluster's kube-dns stubDomains is not a JSON object of name-server lists; it was left unchanged");

    // Istio install.
    /// <summary>MSH060.</summary>
    public static readonly DiagnosticDescriptor UnsupportedIstioVersion = new("MSH060", Severity.Error, "The Istio version does not fit the profile");
    /// <summary>MSH061.</summary>
    public static readonly DiagnosticDescriptor ClusterConnection = new("MSH061", Severity.Error, "A cluster's connection settings are contradictory");
    /// <summary>MSH062.</summary>
    public static readonly DiagnosticDescriptor LegacyOverlayUnavailable = new("MSH062", Severity.Error, "MeshStack carries no upstream multicluster-gateways overlay for this Istio release");
    /// <summary>MSH063.</summary>
    public static readonly DiagnosticDescriptor IstioReleaseDirMissing = new("MSH063", Severity.Error, "The legacy-gateways profile needs the unpacked Istio release folder");
    /// <summary>MSH064.</summary>
    public static readonly DiagnosticDescriptor IstioReleaseDirUnused = new("MSH064", Severity.Warning, "The Istio release folder is only used by the legacy-gateways profile");
    /// <summary>MSH065.</summary>
    public static readonly DiagnosticDescriptor LegacyGatewayNodePort = new("MSH065", Severity.Warning, "With legacy-gateways, a gateway nodePort must be the one Kubernetes assigned to 15443");
    /// <summary>MSH066.</summary>
    public static readonly DiagnosticDescriptor KubernetesTooNew = new("MSH066", Severity.Error, "The Istio release cannot be installed on the cluster's Kubernetes version");
    /// <summary>MSH067.</summary>
    public static readonly DiagnosticDescriptor IstiodRestartAfterRenewal = new("MSH067", Severity.Warning, "This istiod reads cacerts only at start: restart it after an intermediate is renewed");
    /// <summary>MSH068.</summary>
    public static readonly DiagnosticDescriptor InvalidKubernetesVersion = new("MSH068", Severity.Error, "A Kubernetes version is not MAJOR.MINOR");

    // Certificates.
    /// <summary>MSH070.</summary>
    public static readonly DiagnosticDescriptor RootCaChoice = new("MSH070", Severity.Error, "The root CA must be either generated or imported");
    /// <summary>MSH071.</summary>
    public static readonly DiagnosticDescriptor ImportedRootNotCa = new("MSH071", Severity.Error, "The imported root certificate is not a CA");
    /// <summary>MSH072.</summary>
    public static readonly DiagnosticDescriptor ImportedKeyMismatch = new("MSH072", Severity.Error, "The imported root key does not match its certificate");
    /// <summary>MSH073.</summary>
    public static readonly DiagnosticDescriptor ImportedRootExpired = new("MSH073", Severity.Error, "The imported root certificate has expired");
    /// <summary>MSH074.</summary>
    public static readonly DiagnosticDescriptor ImportedRootNotYetValid = new("MSH074", Severity.Error, "The imported root certificate is not valid yet");
    /// <summary>MSH075.</summary>
    public static readonly DiagnosticDescriptor ImportedRootTooShort = new("MSH075", Severity.Error, "The imported root expires before the intermediates would");
    /// <summary>MSH076.</summary>
    public static readonly DiagnosticDescriptor SampleCertificates = new("MSH076", Severity.Error, "Istio's public sample certificates are refused outside dev stacks");
    /// <summary>MSH077.</summary>
    public static readonly DiagnosticDescriptor SampleCertificatesAllowed = new("MSH077", Severity.Warning, "Istio's public sample certificates are in use");
    /// <summary>MSH078.</summary>
    public static readonly DiagnosticDescriptor InvalidValidity = new("MSH078", Severity.Error, "A certificate validity or renewal window is not usable");
    /// <summary>MSH079.</summary>
    public static readonly DiagnosticDescriptor InvalidCertificate = new("MSH079", Severity.Error, "A certificate or key is not valid PEM");

    // Several roots and their rotation (issue 20): MSH080-MSH089 and MSH094-MSH099.
    /// <summary>MSH080.</summary>
    public static readonly DiagnosticDescriptor RootCaAndRootCas = new("MSH080", Severity.Error, "Set either rootCa or rootCas, not both");
    /// <summary>MSH081.</summary>
    public static readonly DiagnosticDescriptor DuplicateRootName = new("MSH081", Severity.Error, "Two roots share a name");
    /// <summary>MSH082.</summary>
    public static readonly DiagnosticDescriptor UnknownSigningRoot = new("MSH082", Severity.Error, "The signing root is not one of the listed roots");
    /// <summary>MSH083.</summary>
    public static readonly DiagnosticDescriptor RotationPhaseSkipped = new("MSH083", Severity.Error, "A root rotation step skips a phase");
    /// <summary>MSH084.</summary>
    public static readonly DiagnosticDescriptor RootRetiredTooSoon = new("MSH084", Severity.Error, "A retired signing root is removed before the workload certificates it signed have expired");
    /// <summary>MSH085.</summary>
    public static readonly DiagnosticDescriptor RootRetireForced = new("MSH085", Severity.Warning, "A rotation step is taken before the workload certificate lifetime has passed because meshstack:forceRootRetire is set");
    /// <summary>MSH086.</summary>
    public static readonly DiagnosticDescriptor RootRenewalDue = new("MSH086", Severity.Warning, "A root is in its renewal window: start a rotation");
    /// <summary>MSH087.</summary>
    public static readonly DiagnosticDescriptor IntermediateOutlivesRoot = new("MSH087", Severity.Error, "Intermediates issued now would outlive the signing root");
    /// <summary>MSH088.</summary>
    public static readonly DiagnosticDescriptor RootsUnprotected = new("MSH088", Severity.Warning, "The generated roots are not protected");
    /// <summary>MSH089.</summary>
    public static readonly DiagnosticDescriptor NoRoots = new("MSH089", Severity.Error, "rootCas lists no root");
    /// <summary>MSH094.</summary>
    public static readonly DiagnosticDescriptor RootChanged = new("MSH094", Severity.Error, "A deployed root would be replaced in place");
    /// <summary>MSH095.</summary>
    public static readonly DiagnosticDescriptor IstiodRestartAfterRotation = new("MSH095", Severity.Warning, "istiod 1.7's workloads read its root only at start: restart them after a root is added");
    /// <summary>MSH096.</summary>
    public static readonly DiagnosticDescriptor SignerSwitchedTooSoon = new("MSH096", Severity.Error, "The signer switches before the new root has reached every workload");
    /// <summary>MSH097.</summary>
    public static readonly DiagnosticDescriptor CaKeysInRepository = new("MSH097", Severity.Error, "Rendered CA keys would land in a Git work tree that does not ignore them");

    // Deploy-time values.
    /// <summary>MSH090.</summary>
    public static readonly DiagnosticDescriptor UnresolvedValue = new("MSH090", Severity.Error, "A deploy-time value is needed but was not given");
    /// <summary>MSH091.</summary>
    public static readonly DiagnosticDescriptor RejectedByIstiod = new("MSH091", Severity.Error, "A generated object would be rejected by istiod's validating webhook");
    /// <summary>MSH093.</summary>
    public static readonly DiagnosticDescriptor StackNotACluster = new("MSH093", Severity.Error, "In per-cluster stack mode the stack name must name one cluster");
    /// <summary>MSH092.</summary>
    public static readonly DiagnosticDescriptor IstiodWarning = new("MSH092", Severity.Warning, "istiod would admit a generated object with a warning");

    // Robustness (issue 14): codes from MSH100 up.
    /// <summary>MSH100.</summary>
    public static readonly DiagnosticDescriptor UnreadableAddressTable = new("MSH100", Severity.Error, "The previous address table cannot be read");
    /// <summary>MSH101.</summary>
    public static readonly DiagnosticDescriptor FreedAddressReused = new("MSH101", Severity.Warning, "A recently freed address was handed out because the pool has no other free address");
    /// <summary>MSH102.</summary>
    public static readonly DiagnosticDescriptor NotAStackFile = new("MSH102", Severity.Error, "The file is not a Pulumi stack settings file");

    // Render inputs (flags of meshstack render, and what validate says render will need).
    /// <summary>MSH120.</summary>
    public static readonly DiagnosticDescriptor InvalidFlagValue = new("MSH120", Severity.Error, "A deploy-time flag value is not an address the flag takes");
    /// <summary>MSH121.</summary>
    public static readonly DiagnosticDescriptor FlagUnknownCluster = new("MSH121", Severity.Error, "A deploy-time flag names a cluster that is not declared");
    /// <summary>MSH122.</summary>
    public static readonly DiagnosticDescriptor FlagNotDeployTime = new("MSH122", Severity.Error, "A deploy-time flag gives a value the cluster does not take at deploy time");
    /// <summary>MSH123.</summary>
    public static readonly DiagnosticDescriptor FlagRepeated = new("MSH123", Severity.Error, "A deploy-time flag is given twice for one cluster");
    /// <summary>MSH124.</summary>
    public static readonly DiagnosticDescriptor DefaultDnsAssumed = new("MSH124", Severity.Warning, "No live DNS ConfigMap was given; render assumes the default of the configured version");
    /// <summary>MSH125.</summary>
    public static readonly DiagnosticDescriptor RenderNeedsFlag = new("MSH125", Severity.Warning, "Rendering this stack needs a deploy-time flag");
    /// <summary>MSH126.</summary>
    public static readonly DiagnosticDescriptor NoCaCerts = new("MSH126", Severity.Warning, "No cacerts Secret was rendered: each istiod will sign with its own self-signed CA");
    /// <summary>MSH127.</summary>
    public static readonly DiagnosticDescriptor CaCertsHoldKeys = new("MSH127", Severity.Warning, "The rendered cacerts Secrets hold private keys");
    /// <summary>MSH128.</summary>
    public static readonly DiagnosticDescriptor CaFolderInRepository = new("MSH128", Severity.Warning, "The CA folder is inside a Git repository and not ignored");

    // Day 2: renders over renders, and what a change does (issue 19).
    /// <summary>MSH129.</summary>
    public static readonly DiagnosticDescriptor OutputOfAnotherStack = new("MSH129", Severity.Error, "The output folder holds another stack's render");
    /// <summary>MSH130.</summary>
    public static readonly DiagnosticDescriptor PreviousRenderUnreadable = new("MSH130", Severity.Error, "The previous render in the output folder cannot be read back");
    /// <summary>MSH131.</summary>
    public static readonly DiagnosticDescriptor NoLockFileForInput = new("MSH131", Severity.Warning, "A stack read from standard input has no lock file: addresses are allocated afresh");
    /// <summary>MSH132.</summary>
    public static readonly DiagnosticDescriptor ReplacesLiveObject = new("MSH132", Severity.Warning, "A change cannot update a live object in place");
    /// <summary>MSH133.</summary>
    public static readonly DiagnosticDescriptor CaCertsDeleted = new("MSH133", Severity.Warning, "A change deletes a cluster's cacerts Secret");
    /// <summary>MSH134.</summary>
    public static readonly DiagnosticDescriptor RootChanges = new("MSH134", Severity.Warning, "A change replaces the trusted roots in cacerts");
    /// <summary>MSH135.</summary>
    public static readonly DiagnosticDescriptor AddressMoves = new("MSH135", Severity.Warning, "A service's virtual address moves");
    /// <summary>MSH136.</summary>
    public static readonly DiagnosticDescriptor NamespaceDeleted = new("MSH136", Severity.Warning, "A change deletes a namespace and everything in it");
    /// <summary>MSH137.</summary>
    public static readonly DiagnosticDescriptor LeftBehind = new("MSH137", Severity.Warning, "Something no longer rendered stays on the cluster");
    /// <summary>MSH138.</summary>
    public static readonly DiagnosticDescriptor ControlPlaneUninstalled = new("MSH138", Severity.Warning, "A change uninstalls Istio's CRDs or control plane");
    /// <summary>MSH139.</summary>
    public static readonly DiagnosticDescriptor ReleaseDowngrade = new("MSH139", Severity.Warning, "A Helm release moves to an older chart version");
    // Path tracer: where a planned route stops carrying traffic (core/Tracing).
    /// <summary>MSH180.</summary>
    public static readonly DiagnosticDescriptor TraceDns = new("MSH180", Severity.Error, "A caller cannot resolve a global name to a virtual address");
    /// <summary>MSH181.</summary>
    public static readonly DiagnosticDescriptor TraceNoCallerCluster = new("MSH181", Severity.Error, "A caller has no cluster for the port or version it calls");
    /// <summary>MSH182.</summary>
    public static readonly DiagnosticDescriptor TraceNoEndpoints = new("MSH182", Severity.Error, "Every endpoint of a cluster is filtered out on the way");
    /// <summary>MSH183.</summary>
    public static readonly DiagnosticDescriptor TraceBypass = new("MSH183", Severity.Error, "A route's endpoint leads somewhere other than the next gateway");
    /// <summary>MSH184.</summary>
    public static readonly DiagnosticDescriptor TraceNoListener = new("MSH184", Severity.Error, "A gateway has no mTLS pass-through listener on 15443 for the name");
    /// <summary>MSH185.</summary>
    public static readonly DiagnosticDescriptor TraceNoGatewayCluster = new("MSH185", Severity.Error, "A gateway has no cluster for the SNI it receives");
    /// <summary>MSH186.</summary>
    public static readonly DiagnosticDescriptor TraceNoPods = new("MSH186", Severity.Error, "A home gateway's cluster has no mTLS pod endpoint left");
    /// <summary>MSH187.</summary>
    public static readonly DiagnosticDescriptor TracePodPort = new("MSH187", Severity.Error, "A home pod does not listen on the port its endpoint names");
    /// <summary>MSH140.</summary>
    public static readonly DiagnosticDescriptor TraceIdentity = new("MSH140", Severity.Error, "A home pod's identity is not one the caller accepts");

    // Endpoint discovery (remote secrets, the *.local cross-network gateway).
    /// <summary>MSH160.</summary>
    public static readonly DiagnosticDescriptor DiscoveryNeedsMultiPrimary = new("MSH160", Severity.Error, "Endpoint discovery needs the multi-primary profile");
    /// <summary>MSH161.</summary>
    public static readonly DiagnosticDescriptor ApiServerMissing = new("MSH161", Severity.Error, "Endpoint discovery needs every cluster's apiServer");
    /// <summary>MSH162.</summary>
    public static readonly DiagnosticDescriptor ApiServerInvalid = new("MSH162", Severity.Error, "A cluster's apiServer is not an https URL of a host");
    /// <summary>MSH163.</summary>
    public static readonly DiagnosticDescriptor ApiServerLoopback = new("MSH163", Severity.Warning, "A cluster's apiServer is a loopback address the other clusters cannot reach");
    /// <summary>MSH164.</summary>
    public static readonly DiagnosticDescriptor DiscoveryPerClusterStacks = new("MSH164", Severity.Error, "Endpoint discovery needs one stack for the federation");
    /// <summary>MSH165.</summary>
    public static readonly DiagnosticDescriptor GlobalDnsWithoutGlobalNames = new("MSH165", Severity.Error, "With discovery: endpoints there are no .global names for this DNS mode to serve");
    /// <summary>MSH166.</summary>
    public static readonly DiagnosticDescriptor ApiServerUnused = new("MSH166", Severity.Warning, "A cluster's apiServer is only used by endpoint discovery");
    /// <summary>MSH167.</summary>
    public static readonly DiagnosticDescriptor ApiServerTwice = new("MSH167", Severity.Error, "Two clusters give the same apiServer");
    /// <summary>MSH168.</summary>
    public static readonly DiagnosticDescriptor RemoteSecretsSkipped = new("MSH168", Severity.Warning, "No reader token was given: the remote secrets of a cluster were not rendered");

    /// <summary>MSH169.</summary>
    public static readonly DiagnosticDescriptor GlobalOnlySetting = new("MSH169", Severity.Warning, "A service setting only applies to .global names, which discovery: endpoints does not create");

    /// <summary>MSH170.</summary>
    public static readonly DiagnosticDescriptor TraceNoRemoteSecret = new("MSH170", Severity.Error, "A caller's istiod does not read a home cluster's API server");
    /// <summary>MSH171.</summary>
    public static readonly DiagnosticDescriptor TraceLocalDns = new("MSH171", Severity.Error, "A caller cannot resolve a service's cluster.local name");

    // What istiod reads of gateway addresses, and smaller checks (issue 21), MSH188-MSH199.
    /// <summary>MSH188.</summary>
    public static readonly DiagnosticDescriptor AddressRequestNotApplicable = new("MSH188", Severity.Error, "A gateway addressRequest applies only to an explicit IP address on a LoadBalancer gateway");
    /// <summary>MSH189.</summary>
    public static readonly DiagnosticDescriptor AddressAnnotationInvalid = new("MSH189", Severity.Error, "A gateway addressAnnotation is not a Kubernetes annotation key, or is given without addressRequest: annotation");
    /// <summary>MSH190.</summary>
    public static readonly DiagnosticDescriptor NetworkNamedExternal = new("MSH190", Severity.Error, "A cluster network is named 'external', the network MeshStack reserves for remote gateways behind an egress gateway");
    /// <summary>MSH191.</summary>
    public static readonly DiagnosticDescriptor AddressPoolOverlapsClusterRange = new("MSH191", Severity.Warning, "The address pool overlaps a range clusters commonly use for pods, services or nodes");
    /// <summary>MSH192.</summary>
    public static readonly DiagnosticDescriptor PortInIstioRange = new("MSH192", Severity.Warning, "A service port is in Istio's reserved range 15000-15090");
    /// <summary>MSH193.</summary>
    public static readonly DiagnosticDescriptor IstioDowngrade = new("MSH193", Severity.Warning, "The Istio version is older than the one deployed last time");
    /// <summary>MSH194.</summary>
    public static readonly DiagnosticDescriptor TraceFilterMatchesNothing = new("MSH194", Severity.Error, "A trace filter matches no path");
    /// <summary>MSH197.</summary>
    public static readonly DiagnosticDescriptor ExternalIpsRequestInLegacy = new("MSH197", Severity.Error, "addressRequest: externalIPs needs the multi-primary profile");
    /// <summary>MSH195.</summary>
    public static readonly DiagnosticDescriptor NamespaceNeverInjected = new("MSH195", Severity.Error, "A service is in a namespace istiod never injects");
    /// <summary>MSH196.</summary>
    public static readonly DiagnosticDescriptor GatewayAddressShared = new("MSH196", Severity.Error, "Two clusters give the same gateway address");

    // Day 2 (issue 19): what a change does to a deployed federation, MSH200 up.
    /// <summary>MSH200.</summary>
    public static readonly DiagnosticDescriptor ClusterWithoutConnection = new("MSH200", Severity.Error, "A cluster names neither a context nor a kubeconfig");
    /// <summary>MSH201.</summary>
    public static readonly DiagnosticDescriptor ApplyToRenderSwitch = new("MSH201", Severity.Error, "A deployed cluster would switch to render mode");
    /// <summary>MSH202.</summary>
    public static readonly DiagnosticDescriptor RenderToApplySwitch = new("MSH202", Severity.Warning, "A rendered cluster switches to applying: its objects are created and the rendered files deleted");
    /// <summary>MSH203.</summary>
    public static readonly DiagnosticDescriptor ClusterRenamed = new("MSH203", Severity.Error, "A deployed cluster would be renamed");
    /// <summary>MSH204.</summary>
    public static readonly DiagnosticDescriptor AdoptingCluster = new("MSH204", Severity.Warning, "A cluster adopts the objects that exist in it");
    /// <summary>MSH205.</summary>
    public static readonly DiagnosticDescriptor AmbientKubeconfigInRenderMode = new("MSH205", Severity.Warning, "Render mode still reads the ambient kubeconfig");
    /// <summary>MSH206.</summary>
    public static readonly DiagnosticDescriptor PeerNotDeployedYet = new("MSH206", Severity.Warning, "A peer cluster's stack has no gateway address yet: its endpoints wait for the next update");
    /// <summary>MSH207.</summary>
    public static readonly DiagnosticDescriptor NoPreviousState = new("MSH207", Severity.Warning, "The federation found no state of a previous run");
    /// <summary>MSH208.</summary>
    public static readonly DiagnosticDescriptor StateNotExported = new("MSH208", Severity.Error, "The stack does not export the federation's state");
    /// <summary>MSH209.</summary>
    public static readonly DiagnosticDescriptor DeploymentRecordDamaged = new("MSH209", Severity.Error, "The stack's deployment record cannot be read");
    /// <summary>MSH210.</summary>
    public static readonly DiagnosticDescriptor RootStackOutputUnreadable = new("MSH210", Severity.Error, "A per-cluster stack cannot read the root stack's outputs");

    /// <summary>MSH212.</summary>
    public static readonly DiagnosticDescriptor ClusterRetargeted = new("MSH212", Severity.Error, "A deployed cluster now points at another cluster");
    /// <summary>MSH213.</summary>
    public static readonly DiagnosticDescriptor ReconnectWithoutChange = new("MSH213", Severity.Warning, "reconnect is set on a cluster whose target did not change");
    /// <summary>MSH214.</summary>
    public static readonly DiagnosticDescriptor RootCertificateNotKnown = new("MSH214", Severity.Error, "An imported root certificate is not known before anything is registered");

    // The CA lifecycle, second pass (issue 20), MSH215-MSH220.
    /// <summary>MSH215: an imported root's path length leaves no room for the clusters' intermediates.</summary>
    public static readonly DiagnosticDescriptor ImportedRootPathLength = new("MSH215", Severity.Error, "The imported root's path length constraint leaves no room for the clusters' intermediates");
    /// <summary>MSH216: an imported root restricts the usages (serverAuth, clientAuth) or names (name constraints) the mesh's certificates need.</summary>
    public static readonly DiagnosticDescriptor ImportedRootKeyUsage = new("MSH216", Severity.Error, "The imported root restricts the key usages or names the mesh's certificates need");
    /// <summary>MSH217: a per-cluster stack's roots or signer differ from what the root stack deployed.</summary>
    public static readonly DiagnosticDescriptor ClusterStackTrustDiffers = new("MSH217", Severity.Error, "A cluster stack's roots or signer differ from what the root stack deployed");
    /// <summary>MSH218: the root stack takes a rotation step before another cluster stack deployed the last one.</summary>
    public static readonly DiagnosticDescriptor ClusterStackBehind = new("MSH218", Severity.Error, "A cluster stack has not deployed the root stack's last rotation step");
    /// <summary>MSH219: a CA folder's rotation step is taken while the last one is not marked applied.</summary>
    public static readonly DiagnosticDescriptor RotationStepNotApplied = new("MSH219", Severity.Error, "The CA folder's last rotation step is not marked applied");
    /// <summary>MSH220: per-cluster stacks: the root stack, which holds the root CA keys, would move to another stack.</summary>
    public static readonly DiagnosticDescriptor RootStackMoved = new("MSH220", Severity.Error, "The root stack, which holds the root CA keys, would move to another stack");

    // Typed args and the multi-language package (issue 22), MSH211 up.
    /// <summary>MSH211.</summary>
    public static readonly DiagnosticDescriptor ProviderGivenToFederation = new("MSH211", Severity.Error, "A Kubernetes provider was given to the federation, which creates its own per cluster");

    /// <summary>All descriptors, ordered by code.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = typeof(Codes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToImmutableArray();
}
