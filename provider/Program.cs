// The meshstack provider: serves MeshStack.Components' MeshFederation to every Pulumi language (see docs/embedding.md).
return await MeshStack.Components.Package.MeshStackPackage.ServeAsync(args).ContinueWith(_ => 0, TaskScheduler.Default);
