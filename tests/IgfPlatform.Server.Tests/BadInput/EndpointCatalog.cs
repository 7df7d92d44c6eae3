using System.Reflection;
using IgfPlatform.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IgfPlatform.Server.Tests.BadInput;

public enum EndpointKind
{
    /// <summary>Under /api: every bad-input case applies.</summary>
    Api,

    /// <summary>The live hub and its negotiation: covered by the hub cases.</summary>
    Hub,

    /// <summary>Health, the OpenAPI document, the API reference page and the web app's pages.</summary>
    Platform,
}

/// <summary>One route of the running server with what a bad request needs to know of it.</summary>
public sealed record HttpEndpoint(
    string Method,
    string Pattern,
    EndpointKind Kind,
    Type? BodyType,
    bool BodyOptional,
    bool RequiresAuthorization,
    IReadOnlyList<string> RouteParameters,
    IReadOnlyList<(string Name, Type Type)> QueryParameters)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every HTTP endpoint of the platform, read from the endpoint data source of the server's own composition
/// (built in this process, never started), so that an endpoint added later is in every case at once.
/// </summary>
public static class EndpointCatalog
{
    private static readonly Lazy<IReadOnlyList<HttpEndpoint>> Endpoints = new(Read);

    public static IReadOnlyList<HttpEndpoint> All => Endpoints.Value;

    public static IEnumerable<HttpEndpoint> Api => All.Where(e => e.Kind == EndpointKind.Api);

    private static List<HttpEndpoint> Read()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = "catalog-only-key-" + Guid.NewGuid().ToString("N"),
        });
        builder.AddForumPlatform();
        var app = builder.Build();
        app.UseForumPlatform();
        // The app's own route sources: DI's EndpointDataSource only gathers them when the pipeline is built at start.
        var source = new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources);
        var list = new List<HttpEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["*"];
            var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var kind = endpoint.Metadata.GetMetadata<HubMetadata>() is not null || pattern.StartsWith("/hubs/", StringComparison.Ordinal)
                ? EndpointKind.Hub
                : pattern.StartsWith("/api/", StringComparison.Ordinal) && !pattern.StartsWith("/api-reference", StringComparison.Ordinal)
                    ? EndpointKind.Api
                    : EndpointKind.Platform;
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            var query = handler is null ? [] : handler.GetParameters()
                .Where(p => p.Name is not null && !routeParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && IsQueryType(p.ParameterType)
                    && p.ParameterType != accepts?.RequestType)
                .Select(p => (p.Name!, p.ParameterType)).ToList();
            var requiresAuthorization = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            foreach (var method in methods)
            {
                list.Add(new HttpEndpoint(method, pattern, kind, accepts?.RequestType, accepts?.IsOptional ?? false, requiresAuthorization, routeParameters, query));
            }
        }

        // Built only to be read, never started: disposed off the test's synchronization context.
        Task.Run(() => app.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        return list;
    }

    private static bool IsQueryType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }
}
