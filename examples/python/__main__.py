"""Two EKS clusters in one Istio mesh with the meshstack package.

`pulumi package add ../../provider` generates the local SDK (meshstack_meshstack) this program imports.
"""
import pulumi
import pulumi_eks as eks
import meshstack_meshstack as meshstack

east = eks.Cluster("east", instance_type="t3.large", desired_capacity=2)
west = eks.Cluster("west", instance_type="t3.large", desired_capacity=2)

mesh = meshstack.MeshFederation(
    "mesh",
    mesh_id="mesh1",
    clusters=[
        # A cluster crosses languages as its kubeconfig (an output, always a secret).
        meshstack.MeshClusterArgs(name="east", network="net-east", kubeconfig=east.kubeconfig_json,
                                  gateway=meshstack.MeshGatewayArgs(address="203.0.113.10"), egress_gateway=True),
        meshstack.MeshClusterArgs(name="west", network="net-west", kubeconfig=west.kubeconfig_json,
                                  gateway=meshstack.MeshGatewayArgs(address="203.0.113.20")),
    ],
    services=[
        meshstack.MeshServiceArgs(name="httpbin", namespace="bar", clusters=["west"], consumers=["east"],
                                  ports=[meshstack.MeshServicePortArgs(name="http", number=8000, protocol="http")]),
    ],
)

# Export the federation's state under this name: the next run reads it back, so no virtual address ever moves.
pulumi.export("meshState", mesh.state)
pulumi.export("gatewayAddresses", mesh.gateway_addresses)
