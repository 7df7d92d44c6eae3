using System.ComponentModel.DataAnnotations;

namespace IgfPlatform.Server.Security;

/// <summary>The <c>Security</c> configuration section: abuse limits and the hub's Origin allow-list.</summary>
public sealed class SecuritySettings : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Browser origins other than the platform's own that may open the hub (e.g. <c>https://igf.example</c>).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Sign-in attempts per client address per <see cref="LoginWindow"/>.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitLimit { get; set; } = 30;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Registrations per client address per <see cref="RegisterWindow"/>.</summary>
    [Range(1, int.MaxValue)]
    public int RegisterPermitLimit { get; set; } = 20;

    public TimeSpan RegisterWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins in a row after which an account is locked.</summary>
    [Range(1, 1000)]
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The largest hub message the server reads, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int HubMaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Hub calls a connection may make at once (the bucket's size).</summary>
    [Range(1, int.MaxValue)]
    public int HubCallBurst { get; set; } = 40;

    /// <summary>Hub calls per second a connection earns back.</summary>
    [Range(0.001, double.MaxValue)]
    public double HubCallsPerSecond { get; set; } = 10;

    /// <summary>Hub connections one signed-in participant may hold at once on one server.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConnectionsPerParticipant { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(LoginWindow), LoginWindow), (nameof(RegisterWindow), RegisterWindow), (nameof(LockoutDuration), LockoutDuration) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                yield return new ValidationResult($"Security:{name} must be longer than zero and at most one day.", [name]);
            }
        }

        foreach (var origin in AllowedOrigins)
        {
            if (NormalizeOrigin(origin) is null)
            {
                yield return new ValidationResult(
                    $"Security:AllowedOrigins has '{origin}', which is not an origin (scheme://host[:port], http or https, no path).", [nameof(AllowedOrigins)]);
            }
        }
    }

    /// <summary>An origin in the form browsers send it (lower-case, default port left out), or null.</summary>
    public static string? NormalizeOrigin(string? origin)
    {
        if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
