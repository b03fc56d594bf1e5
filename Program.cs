// The Pulumi program: everything happens in MeshProgram so tests can run the same body under mocks.
return await MeshStack.MeshProgram.RunAsync();
