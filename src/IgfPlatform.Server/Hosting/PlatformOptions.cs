using System.ComponentModel.DataAnnotations;
using System.Net;

namespace IgfPlatform.Server.Hosting;

/// <summary>How the silo finds the rest of the cluster.</summary>
public enum ClusteringMode
{
    /// <summary>One machine: the silo is its own cluster (or joins a primary on this machine).</summary>
    Localhost,

    /// <summary>Several servers sharing one storage account's membership table.</summary>
    AzureTable,

    /// <summary>
    /// Pods of one Kubernetes deployment: membership in the storage account's table as with
    /// <see cref="AzureTable"/> (Orleans' Kubernetes hosting does not do membership), the silo's name,
    /// address and namespace from the pod (POD_NAME, POD_IP, POD_NAMESPACE), listening on every
    /// interface of the pod, and pods of silos declared dead looked up through the Kubernetes API.
    /// </summary>
    Kubernetes,
}

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class ClusterSettings : IValidatableObject
{
    public const string Section = "Orleans";

    /// <summary>Set by Orleans' Kubernetes hosting from the pod; read here only to check them.</summary>
    public const string PodIpVariable = "POD_IP";
    public const string ServiceIdVariable = "ORLEANS_SERVICE_ID";
    public const string ClusterIdVariable = "ORLEANS_CLUSTER_ID";

    /// <summary>Not "Clustering": Orleans reads Orleans:Clustering itself as a provider name.</summary>
    public ClusteringMode ClusteringMode { get; set; } = ClusteringMode.Localhost;

    [Required]
    public string ClusterId { get; set; } = "igf-dev";

    /// <summary>Stable across deployments: stored grain state is keyed by it.</summary>
    [Required]
    public string ServiceId { get; set; } = "igf-platform";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address the silo binds and advertises; loopback unless a deployment says otherwise (not used in Kubernetes, where it is the pod's).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// For hosts whose address is known only once running (Azure Container Apps replicas): the silo
    /// advertises the address its host name resolves to and listens on every interface of its container.
    /// </summary>
    public const string AutoAddress = "auto";

    public bool IsAutoAddress => string.Equals(AdvertisedAddress, AutoAddress, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the section, and refuses a bad value with a message naming the setting. Called while the
    /// host is built, because the silo's endpoints are configured from these values before options
    /// validation would run.
    /// </summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var settings = SettingsBinding.Bind<ClusterSettings>(configuration, Section);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", results.Select(r =>
                r.ErrorMessage?.StartsWith(Section, StringComparison.Ordinal) == true ? r.ErrorMessage : $"{Section}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}")));
        }

        return settings;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Check(Environment.GetEnvironmentVariable);

    private IEnumerable<ValidationResult> Check(Func<string, string?> environment)
    {
        if (!Enum.IsDefined(ClusteringMode))
        {
            yield return new ValidationResult(
                $"Orleans:ClusteringMode must be one of {string.Join(", ", Enum.GetNames<ClusteringMode>())}.", [nameof(ClusteringMode)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult($"Orleans:SiloPort and Orleans:GatewayPort must differ (both are {SiloPort}).", [nameof(SiloPort)]);
        }

        if (ClusteringMode != ClusteringMode.Kubernetes)
        {
            if (!IsAutoAddress && !IPAddress.TryParse(AdvertisedAddress, out _))
            {
                yield return new ValidationResult(
                    $"Orleans:AdvertisedAddress '{AdvertisedAddress}' is not an IP address (or '{AutoAddress}': the address the host's name resolves to).", [nameof(AdvertisedAddress)]);
            }

            yield break;
        }

        // Orleans' Kubernetes hosting takes these from the pod; they must agree with the platform's,
        // which also name the stored state (table keys, blob containers).
        if (environment(PodIpVariable) is { Length: > 0 } podIp && !IPAddress.TryParse(podIp, out _))
        {
            yield return new ValidationResult($"{PodIpVariable} '{podIp}' is not an IP address (give it the pod's status.podIP).", [nameof(AdvertisedAddress)]);
        }

        if (environment(ServiceIdVariable) is { Length: > 0 } serviceId && serviceId != ServiceId)
        {
            yield return new ValidationResult(
                $"{ServiceIdVariable} '{serviceId}' differs from Orleans:ServiceId '{ServiceId}': give both the same value.", [nameof(ServiceId)]);
        }

        if (environment(ClusterIdVariable) is { Length: > 0 } clusterId && clusterId != ClusterId)
        {
            yield return new ValidationResult(
                $"{ClusterIdVariable} '{clusterId}' differs from Orleans:ClusterId '{ClusterId}': give both the same value.", [nameof(ClusterId)]);
        }
    }
}

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthSettings : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>The key that signs access tokens (at least 32 characters). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "igf-platform";

    [Required]
    public string Audience { get; set; } = "igf-platform";

    /// <summary>How long an access token works: short, so that a copied one is soon useless.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without being renewed (each renewal starts it again).</summary>
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sign-in with the deployment's own identity provider (off unless its Authority is set).</summary>
    public OidcSettings Oidc { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Seconds are allowed: the renewal tests run on tokens of a few seconds.
        if (TokenLifetime < TimeSpan.FromSeconds(1) || TokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Auth:TokenLifetime must be from one second to one day.", [nameof(TokenLifetime)]);
        }

        if (RefreshLifetime <= TokenLifetime || RefreshLifetime > TimeSpan.FromDays(366))
        {
            yield return new ValidationResult("Auth:RefreshLifetime must be longer than Auth:TokenLifetime and at most 366 days.", [nameof(RefreshLifetime)]);
        }
    }
}

/// <summary>The <c>Platform</c> configuration section.</summary>
public sealed class PlatformSettings
{
    public const string Section = "Platform";

    /// <summary>Where the platform keeps local files (the development signing key); git-ignored.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";
}

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    /// <summary>Make the demo data on first start (never again once data exists).</summary>
    public bool Seed { get; set; }

    /// <summary>The fixed seed of the generator, so every machine gets the same demo forum.</summary>
    public int RandomSeed { get; set; } = 2026;
}

/// <summary>The <c>Auth:Oidc</c> section: an OpenID Connect identity provider whose ID tokens sign people in.</summary>
public sealed class OidcSettings
{
    /// <summary>The identity provider's issuer URL; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id the identity provider issues the platform's ID tokens for (their <c>aud</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>Discovery and keys over https only; false is allowed for an Authority on loopback (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The sign-in button's text.</summary>
    public string DisplayName { get; set; } = "Sign in with your organization's account";

    /// <summary>The ID token claim that holds the person's e-mail address.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>The ID token claim that holds the person's name (the display name proposed at first sign-in).</summary>
    public string NameClaim { get; set; } = "name";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Binds a configuration section, naming the setting and its allowed values when one cannot be read.</summary>
public static class SettingsBinding
{
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder says which key and which type; for an enum, also say what would do.
            var allowed = typeof(T).GetProperties()
                .Where(p => p.PropertyType.IsEnum && ex.Message.Contains($"'{section}:{p.Name}'", StringComparison.OrdinalIgnoreCase))
                .Select(p => $" {section}:{p.Name} must be one of {string.Join(", ", Enum.GetNames(p.PropertyType))}.")
                .FirstOrDefault();
            throw new InvalidOperationException(ex.Message + allowed, ex);
        }
    }
}
