using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace IgfPlatform.Proxy;

/// <summary>How the proxy forwards to the platform servers.</summary>
public static class PlatformProxy
{
    public const string ClusterId = "platform";

    /// <summary>The cookie that keeps a browser or client on its server.</summary>
    public const string AffinityCookie = "IgfServer";

    /// <summary>
    /// Everything goes to the platform. The original Host is kept, so that the server sees the
    /// browser's origin as its own (the hub refuses other origins unless Security:AllowedOrigins lists them).
    /// </summary>
    public static RouteConfig Route { get; } = new()
    {
        RouteId = "platform",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**catch-all}" },
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    };

    public static ClusterConfig Cluster(IReadOnlyList<Uri> destinations) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,

        // A hub connection's negotiate and its connect (WebSocket or long polls) must reach the same
        // server: the first answer sets the cookie; when that server is unhealthy, another is chosen
        // and the cookie follows it.
        SessionAffinity = new SessionAffinityConfig
        {
            Enabled = true,
            Policy = SessionAffinityConstants.Policies.Cookie,
            FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
            AffinityKeyName = AffinityCookie,
            Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Strict, SecurePolicy = CookieSecurePolicy.SameAsRequest },
        },

        // Ready, not merely alive: a starting server (storage not yet answering) gets no traffic.
        // Active checks find a dead server within about two intervals; passive ones (failed forwards)
        // take it out sooner under load.
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(2),
                Timeout = TimeSpan.FromSeconds(1),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(10),
            },
        },
        Destinations = destinations
            .Select((uri, i) => (Id: $"server{i + 1}", Config: new DestinationConfig { Address = uri.ToString() }))
            .ToDictionary(d => d.Id, d => d.Config, StringComparer.Ordinal),
    };
}
