namespace MeshStack.Core.Tests.Testing;

/// <summary>The fluent stack builder writes the stack text a person would, and its base is the tests' valid federation.</summary>
public sealed class StackBuilderTests
{
    [Fact]
    public void The_two_cluster_base_is_the_text_of_the_valid_base_stack()
    {
        Assert.Equal(
            Stacks.TwoClusters().Replace("\n\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n",
            StackBuilder.TwoClusters().Build());
        Assert.True(CompilationHelper.Compile(StackBuilder.TwoClusters().Build()).Succeeded);
    }

    [Fact]
    public void Keys_clusters_and_services_go_where_the_stack_file_has_them()
    {
        var text = StackBuilder.Mesh("m").With("profile", "multi-primary")
            .Cluster("a", null, "dns: hosts").Cluster("b", "192.0.2.9")
            .Service("web", "shop", "[b]", "[{ name: http, number: 80 }]", "consumers: [a]")
            .WithAfter("addressPool", "240.0.0.0/24")
            .Build();

        Assert.Equal("""
            config:
              meshstack:meshId: m
              meshstack:profile: multi-primary
              meshstack:clusters:
                - name: a
                  dns: hosts
                - name: b
                  gateway: { address: 192.0.2.9 }
              meshstack:services:
                - name: web
                  namespace: shop
                  clusters: [b]
                  ports: [{ name: http, number: 80 }]
                  consumers: [a]
              meshstack:addressPool: 240.0.0.0/24

            """, text);

        // Lines as written go before the clusters; a service with extra keys keeps the default port.
        text = StackBuilder.Empty()
            .WithLines(RootRotationStacks.OnlyNew)
            .Cluster("a", "192.0.2.1")
            .ServiceWith("web", "shop", "[a]", "route: direct")
            .Build();

        Assert.Equal("""
            config:
              meshstack:rootCas:
                - name: next
                  generate: { commonName: New Root }
              meshstack:clusters:
                - name: a
                  gateway: { address: 192.0.2.1 }
              meshstack:services:
                - name: web
                  namespace: shop
                  clusters: [a]
                  ports: [{ name: http1, number: 8000, protocol: http }]
                  route: direct

            """, text);
    }
}
