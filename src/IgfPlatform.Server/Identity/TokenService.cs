using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Identity;

/// <summary>Issues the platform's signed bearer tokens.</summary>
public sealed class TokenService(SigningKey key, AuthSettings settings, TimeProvider time)
{
    public AuthResult Issue(ParticipantProfile profile)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.TokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, profile.ParticipantId),
            new(JwtRegisteredClaimNames.Name, profile.DisplayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
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
        return new AuthResult(profile.ParticipantId, token, profile.Roles, expires);
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
