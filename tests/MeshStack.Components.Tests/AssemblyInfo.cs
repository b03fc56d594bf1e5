// Pulumi deployments share process-wide state (Deployment.Instance, PULUMI_CONFIG): never run two at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
