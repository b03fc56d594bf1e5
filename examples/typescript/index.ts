// Two EKS clusters in one Istio mesh with the meshstack package. `pulumi package add ../../provider` generates the
// local SDK (@meshstack/meshstack) this program imports.
import * as eks from "@pulumi/eks";
import * as meshstack from "@meshstack/meshstack";

const east = new eks.Cluster("east", { instanceType: "t3.large", desiredCapacity: 2 });
const west = new eks.Cluster("west", { instanceType: "t3.large", desiredCapacity: 2 });

const mesh = new meshstack.MeshFederation("mesh", {
    meshId: "mesh1",
    clusters: [
        // A cluster crosses languages as its kubeconfig (an output, always a secret).
        { name: "east", network: "net-east", kubeconfig: east.kubeconfigJson, gateway: { address: "203.0.113.10" }, egressGateway: true },
        { name: "west", network: "net-west", kubeconfig: west.kubeconfigJson, gateway: { address: "203.0.113.20" } },
    ],
    services: [
        { name: "httpbin", namespace: "bar", clusters: ["west"], ports: [{ name: "http", number: 8000, protocol: "http" }], consumers: ["east"] },
    ],
});

// Export the federation's state under this name: the next run reads it back, so no virtual address ever moves.
export const meshState = mesh.state;
export const gatewayAddresses = mesh.gatewayAddresses;
