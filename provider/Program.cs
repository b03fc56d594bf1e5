// The meshstack provider: serves MeshStack.Components' MeshFederation to every Pulumi language (see docs/embedding.md).
// A failure to serve propagates, so the process exits non-zero and the engine reports it.
await MeshStack.Components.Package.MeshStackPackage.ServeAsync(args).ConfigureAwait(false);
return 0;
