namespace MeshStack.Core.Plan;

/// <summary>
/// The order objects must exist in within one cluster. Each item depends on the items of the nearest earlier
/// stage that has any, so the CA is in place before istiod starts (istiod ignores a <c>cacerts</c> created after it).
/// </summary>
public enum Stage
{
    /// <summary>Namespaces (istio-system with its network label, workload namespaces).</summary>
    Namespaces = 0,

    /// <summary>The <c>cacerts</c> Secret.</summary>
    CaCerts = 1,

    /// <summary>CRDs and cluster-wide Istio resources (chart <c>base</c>, or the Istio operator).</summary>
    IstioBase = 2,

    /// <summary>The control plane (chart <c>istiod</c>, or the IstioOperator resource).</summary>
    ControlPlane = 3,

    /// <summary>Gateways (chart <c>gateway</c>: east-west and egress).</summary>
    Gateways = 4,

    /// <summary>Istio networking resources and DNS changes that need the control plane and gateways.</summary>
    MeshConfig = 5,

    /// <summary>Demo workloads, last so sidecar injection is ready.</summary>
    Workloads = 6,
}
