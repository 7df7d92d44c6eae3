using System.Net;
using System.Security.Claims;
using System.Text;
using IgfPlatform.Contracts.Consultations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Expired and forged tokens (unsigned, for another audience or issuer, signed with another key, altered,
/// garbage) over HTTP and on the hub's <c>access_token</c>: never an identity, always a clear refusal, nothing stored.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class TokenTests(BadInputServer server)
{
    private const string Issuer = "igf-platform";
    private const string Audience = "igf-platform";

    public static TheoryData<string> BadTokenKinds() =>
        ["expired", "alg none", "wrong audience", "wrong issuer", "another key", "altered payload", "not yet valid", "garbage", "empty signature"];

    [Theory]
    [MemberData(nameof(BadTokenKinds))]
    public async Task A_bad_token_gets_401_problem_details_where_a_sign_in_is_needed_and_stores_nothing(string kind)
    {
        var token = BadToken(kind);
        var issues = new List<string>();
        var changes = await server.ChangesDuringAsync(async () =>
        {
            var me = await server.SendAsync(HttpMethod.Get, "api/me", token: token);
            var contribute = await server.SendAsync(HttpMethod.Post, $"api/consultations/{server.ConsultationId}/contributions",
                BadInputServer.Json(new ContributionDraft(HubMethods.NewRequestId(), 1, Stance.Agree, "With a bad token.", null)), token);
            foreach (var reply in new[] { me, contribute })
            {
                if (ClearErrors.ProblemIssue(reply) is { } issue)
                {
                    issues.Add(issue);
                }
                else if (reply.Status != HttpStatusCode.Unauthorized)
                {
                    issues.Add("expected 401: " + reply);
                }
            }
        });
        BadInputServer.AssertClean($"A token {kind}", issues, changes);
    }

    /// <summary>
    /// A caller who sends a token believes they are signed in: answering as if anonymous hides that their
    /// sign-in is gone (their own questions and drafts vanish from what they see).
    /// </summary>
    [Theory]
    [MemberData(nameof(BadTokenKinds))]
    public async Task A_bad_token_on_a_public_endpoint_is_refused_not_read_as_anonymous(string kind)
    {
        var reply = await server.SendAsync(HttpMethod.Get, $"api/sessions/{BadInputServer.LiveSessionId}/questions", token: BadToken(kind));
        Assert.Null(ClearErrors.ProblemIssue(reply));
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Theory]
    [MemberData(nameof(BadTokenKinds))]
    public async Task A_bad_token_on_the_hub_gives_no_identity_and_stores_nothing(string kind)
    {
        var token = BadToken(kind);
        var issues = new List<string>();
        var changes = await server.ChangesDuringAsync(async () =>
        {
            HubConnection? connection = null;
            try
            {
                connection = await HubBadInputTests.ConnectAsync(server, token);
            }
            catch (HttpRequestException)
            {
                return; // Refused at negotiation: the stronger answer.
            }

            await using var _ = connection;
            foreach (var (method, args) in new (string, object?[])[]
            {
                ("AskQuestion", [BadInputServer.LiveSessionId, HubMethods.NewRequestId(), "With a bad token?", false]),
                ("RequestFloor", [BadInputServer.LiveSessionId, HubMethods.NewRequestId(), "intervention", null]),
                ("Contribute", [server.ConsultationId, HubMethods.NewRequestId(), 1, "agree", "With a bad token.", null]),
                ("SetQueueOpen", [BadInputServer.LiveSessionId, false]),
            })
            {
                try
                {
                    await connection.InvokeCoreAsync(method, typeof(object), args);
                    issues.Add($"{method} was accepted with a token {kind}");
                }
                catch (HubException e)
                {
                    if (ClearErrors.HubMessageIssue(method, e.Message) is { } issue)
                    {
                        issues.Add(issue);
                    }
                }
            }
        });
        BadInputServer.AssertClean($"A token {kind} on the hub", issues, changes);
    }

    [Theory]
    [MemberData(nameof(BadTokenKinds))]
    public async Task A_bad_token_on_the_hub_is_refused_at_connection(string kind)
    {
        var negotiate = await server.SendAsync(HttpMethod.Post, $"hubs/forum/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(BadToken(kind))}");
        Assert.Null(ClearErrors.ProblemIssue(negotiate));
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.Status);
    }

    [Fact]
    public async Task The_good_token_made_the_same_way_is_accepted()
    {
        // The forgeries differ from this one in one thing each: a refusal is for that thing.
        var reply = await server.SendAsync(HttpMethod.Get, "api/me", token: Sign(Claims(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), Issuer, Audience, ServerKey));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    private SymmetricSecurityKey ServerKey => new(Encoding.UTF8.GetBytes(server.Server.Options.SigningKey));

    private ClaimsIdentity Claims() => new(
    [
        new Claim(JwtRegisteredClaimNames.Sub, server.AliceAuth.ParticipantId),
        new Claim(JwtRegisteredClaimNames.Name, "Alice"),
        new Claim("role", "organizer"),
        new Claim(JwtRegisteredClaimNames.Sid, new JsonWebToken(server.AliceAuth.Token).GetClaim(JwtRegisteredClaimNames.Sid).Value),
    ]);

    private string BadToken(string kind)
    {
        var now = DateTime.UtcNow;
        var valid = Sign(Claims(), now.AddMinutes(-1), now.AddHours(1), Issuer, Audience, ServerKey);
        return kind switch
        {
            "expired" => Sign(Claims(), now.AddHours(-3), now.AddHours(-1), Issuer, Audience, ServerKey),
            "not yet valid" => Sign(Claims(), now.AddHours(1), now.AddHours(3), Issuer, Audience, ServerKey),
            "alg none" => Unsigned(valid),
            "wrong audience" => Sign(Claims(), now.AddMinutes(-1), now.AddHours(1), Issuer, "another-platform", ServerKey),
            "wrong issuer" => Sign(Claims(), now.AddMinutes(-1), now.AddHours(1), "someone-else", Audience, ServerKey),
            "another key" => Sign(Claims(), now.AddMinutes(-1), now.AddHours(1), Issuer, Audience,
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-of-enough-length-" + Guid.NewGuid().ToString("N")))),
            "altered payload" => AlteredPayload(valid),
            "empty signature" => valid[..(valid.LastIndexOf('.') + 1)],
            "garbage" => "not.a.token",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static string Sign(ClaimsIdentity subject, DateTime notBefore, DateTime expires, string issuer, string audience, SecurityKey key) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = subject,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The same claims with header <c>{"alg":"none"}</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var payload = token.Split('.')[1];
        return Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /// <summary>The signed token with its subject changed to another participant, the signature kept.</summary>
    private string AlteredPayload(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(server.AliceAuth.ParticipantId, server.BobAuth.ParticipantId, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
