namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Every endpoint and hub method is known to the suite: a new one without route values, a body sample or a
/// hub classification fails here until its bad-input cases exist.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class CatalogTests(BadInputServer server)
{
    [Fact]
    public void The_catalog_reads_the_servers_endpoints()
    {
        Assert.Contains(EndpointCatalog.Api, e => e is { Method: "POST", Pattern: "/api/auth/register" });
        Assert.Contains(EndpointCatalog.All, e => e.Kind == EndpointKind.Hub);
        Assert.True(EndpointCatalog.Api.Count() > 30, "Expected the platform's API: " + string.Join(", ", EndpointCatalog.Api));
    }

    [Fact]
    public void Every_endpoint_is_classified_with_route_values_and_body_samples()
    {
        var missing = new List<string>();
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.Kind != EndpointKind.Hub))
        {
            foreach (var parameter in endpoint.RouteParameters.Where(p => Samples.RouteValue(endpoint, p, server) is null))
            {
                missing.Add($"{endpoint}: no demo value for '{parameter}' in Samples.RouteValue");
            }

            if (endpoint.BodyType is { } type)
            {
                if (Samples.Body(type, server) is not { } sample)
                {
                    missing.Add($"{endpoint}: no valid sample of {type.Name} in Samples.Body");
                }
                else
                {
                    var json = sample.ToJsonString();
                    missing.AddRange(Samples.WireProperties(type).Where(p => !json.Contains($"\"{p}\"", StringComparison.Ordinal))
                        .Select(p => $"{endpoint}: the sample of {type.Name} lacks '{p}'"));
                }
            }

            if (endpoint.Kind == EndpointKind.Api && endpoint.RequiresAuthorization && !Access.Rules.ContainsKey(endpoint.ToString()))
            {
                missing.Add($"{endpoint}: say in Access.Rules who may call it");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_hub_method_is_classified()
    {
        var methods = HubMethods.All.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unclassified = methods.Where(m => !HubMethods.Cases.ContainsKey(m)).ToList();
        var stale = HubMethods.Cases.Keys.Where(m => !methods.Contains(m)).ToList();
        Assert.True(unclassified.Count == 0, "Hub methods with no bad-input case in HubMethods.Cases: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "HubMethods.Cases names methods the hub no longer has: " + string.Join(", ", stale));
        Assert.True(methods.Count > 30, "Expected the hub's methods: " + string.Join(", ", methods));
        Assert.DoesNotContain("OnDisconnectedAsync", methods);
    }
}
