using System.ComponentModel.DataAnnotations;

namespace IgfPlatform.Server.Hosting;

/// <summary>How the silo finds the rest of the cluster.</summary>
public enum ClusteringMode
{
    /// <summary>One machine: the silo is its own cluster (or joins a primary on this machine).</summary>
    Localhost,

    /// <summary>Several servers sharing one storage account's membership table.</summary>
    AzureTable,
}

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

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

    /// <summary>The address the silo binds and advertises; loopback unless a deployment says otherwise.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthSettings
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
