using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Identity;

/// <summary>
/// Issues the platform's tokens: a short-lived signed access token naming its sign-in (<c>sid</c>), and an
/// opaque refresh token <c>{participant}.{sign-in}.{secret}</c> of which only the secret's hash is stored.
/// </summary>
public sealed class TokenService(SigningKey key, AuthSettings settings, TimeProvider time, IGrainFactory grains)
{
    public const string SignInAgain = "Your sign-in has ended: sign in again.";
    public const string SignInClaim = JwtRegisteredClaimNames.Sid;

    /// <summary>A new sign-in for the person (after a password, or an identity provider's token).</summary>
    public async Task<AuthResult> StartSignIn(ParticipantProfile profile)
    {
        var signInId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var (refresh, hash) = NewRefreshToken(profile.ParticipantId, signInId);
        var refreshExpires = time.GetUtcNow() + settings.RefreshLifetime;
        await grains.GetGrain<IParticipantGrain>(profile.ParticipantId).StartSignIn(signInId, hash, refreshExpires);
        return Issue(profile, signInId, refresh, refreshExpires);
    }

    /// <summary>Exchanges a refresh token for a new access token and the next refresh token.</summary>
    public async Task<AuthResult> Renew(string? refreshToken)
    {
        if (!TryParse(refreshToken, out var participantId, out var signInId, out var secret))
        {
            throw ForumException.Unauthenticated(SignInAgain);
        }

        var participant = grains.GetGrain<IParticipantGrain>(participantId);
        var (next, nextHash) = NewRefreshToken(participantId, signInId);
        var refreshExpires = time.GetUtcNow() + settings.RefreshLifetime;
        var outcome = await participant.RenewSignIn(signInId, Hash(secret), nextHash, refreshExpires);
        var profile = outcome == RenewalOutcome.Renewed ? await participant.GetProfile() : null;
        return profile is null
            ? throw ForumException.Unauthenticated(SignInAgain)
            : Issue(profile, signInId, next, refreshExpires);
    }

    /// <summary>The sign-in an access token belongs to.</summary>
    public static string? SignInOf(ClaimsPrincipal? user) => user?.FindFirstValue(SignInClaim);

    private AuthResult Issue(ParticipantProfile profile, string signInId, string refreshToken, DateTimeOffset refreshExpires)
    {
        // Whole seconds, as the token carries them: the expiry told to the client is the token's own.
        var clock = time.GetUtcNow();
        var now = clock.AddTicks(-(clock.Ticks % TimeSpan.TicksPerSecond));
        var expires = now + settings.TokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, profile.ParticipantId),
            new(JwtRegisteredClaimNames.Name, profile.DisplayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(SignInClaim, signInId),
        };
        claims.AddRange(profile.Roles.Select(r => new Claim(IdentityHosting.RoleClaim, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AuthResult(profile.ParticipantId, token, profile.Roles, expires, refreshToken, refreshExpires);
    }

    private static (string Token, string Hash) NewRefreshToken(string participantId, string signInId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return ($"{participantId}.{signInId}.{secret}", Hash(secret));
    }

    private static string Hash(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool TryParse(string? token, out string participantId, out string signInId, out string secret)
    {
        participantId = signInId = secret = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Length > 100 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        (participantId, signInId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }
}

/// <summary>
/// The key that signs tokens: from <c>Auth:SigningKey</c>; in Development, made once and kept in the
/// platform's data folder (git-ignored) so tokens survive restarts without a key in the repository.
/// </summary>
public sealed class SigningKey
{
    public const int MinLength = 32;

    public SigningKey(SymmetricSecurityKey key) => Key = key;

    public SymmetricSecurityKey Key { get; }

    public static SigningKey Load(AuthSettings auth, PlatformSettings platform, IHostEnvironment environment)
    {
        var configured = auth.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"Auth:SigningKey is not set. Give the platform a secret of at least {MinLength} characters (environment variable Auth__SigningKey).");
            }

            var file = Path.GetFullPath(Path.Combine(platform.DataDirectory, "development-signing-key"));
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            }

            configured = File.ReadAllText(file).Trim();
        }

        if (configured.Length < MinLength)
        {
            throw new InvalidOperationException($"Auth:SigningKey must have at least {MinLength} characters.");
        }

        return new SigningKey(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured)));
    }
}
