using IgfPlatform.Contracts.Audit;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IgfPlatform.Server.Identity;

/// <summary>A person's own data: all of it to take away (<c>GET /api/me/export</c>), or erased (<c>DELETE /api/me</c>).</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/export", async (HttpContext http, PrivacyService privacy) =>
        {
            var export = await privacy.Export(http.User.ParticipantId());
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"igf-platform-data-{export.ExportedAt:yyyyMMdd}.json\"";
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(export, ForumJson.Options);
        }).RequireAuthorization().WithTags("Identity").WithSummary("Everything the platform holds about you, as a JSON file.");

        app.MapDelete("/api/me", async Task<NoContent> (HttpContext http, [FromBody] ErasureRequest? request, PrivacyService privacy) =>
        {
            await privacy.Erase(http.User.ParticipantId(), TokenService.SignInOf(http.User), request?.Password);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithTags("Identity")
            .WithSummary("Erase your account and personal data (confirm with your password); published proceedings stay as they are.");
        return app;
    }

    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrivacyService>();
        return builder;
    }
}

public sealed record ErasureRequest(string? Password);

/// <summary>What <c>GET /api/me/export</c> gives: the profile, the account's facts and each grain's part.</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    ParticipantProfile Profile,
    AccountFacts Account,
    IReadOnlyList<Moderation> Moderations,
    IReadOnlyList<PersonalDataPart> Data);

/// <summary>The account as its owner may see it: never a password or token hash.</summary>
public sealed record AccountFacts(
    DateTimeOffset RegisteredAt,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ExportedSignIn> SignIns);

public sealed record ExportedSignIn(DateTimeOffset StartedAt, DateTimeOffset LastRenewedAt, DateTimeOffset ExpiresAt);

/// <summary>Finds a person's data through their footprints and exports or erases it, grain by grain.</summary>
public sealed class PrivacyService(
    IGrainFactory grains,
    IAuditLog audit,
    IPasswordHasher<AccountCredentials> hasher,
    TimeProvider time,
    ILogger<PrivacyService> logger)
{
    public const string WrongPassword = "The password is not right: your account was not erased.";
    public const string SignInAgainFirst = "Sign in again with your identity provider, then erase your account within 10 minutes: it was not erased.";

    /// <summary>An account without a password (an identity provider's) confirms an erasure by a sign-in this recent.</summary>
    public static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(10);

    public async Task<PersonalDataExport> Export(string participantId)
    {
        var person = grains.GetGrain<IParticipantGrain>(participantId);
        var profile = await person.GetProfile() ?? throw ForumException.NotFound("Your account no longer exists.");
        var signIns = await person.GetSignIns();
        var moderations = await person.GetModerations();
        var parts = await Task.WhenAll(Holders(profile, await person.GetFootprints(), moderations).Select(h => h.ExportPersonalData(participantId)));
        var actions = await AuditedActions(participantId, moderations);
        return new PersonalDataExport(
            time.GetUtcNow(),
            profile,
            new AccountFacts(profile.RegisteredAt, profile.Roles, [.. signIns.Select(s => new ExportedSignIn(s.StartedAt, s.LastRenewedAt, s.ExpiresAt))]),
            moderations,
            [.. parts.OfType<PersonalDataPart>(), .. actions]);
    }

    /// <summary>
    /// The person's own entries in the audit log: in the sessions they moderate and forum-wide (organizers'
    /// actions on sessions they do not moderate are in those sessions' logs, which the export does not scan).
    /// </summary>
    private async Task<IEnumerable<PersonalDataPart>> AuditedActions(string participantId, IEnumerable<Moderation> moderations)
    {
        var parts = new List<PersonalDataPart>();
        foreach (var scope in moderations.Select(m => m.SessionId).Append(AuditLimits.Forum).Distinct(StringComparer.Ordinal))
        {
            var mine = new List<AuditEntry>();
            string? after = null;
            do
            {
                (var entries, after) = await audit.Read(scope, after, AuditLimits.MaxPageSize);
                mine.AddRange(entries.Where(e => e.ActorId == participantId));
            }
            while (after is not null);

            if (mine.Count > 0)
            {
                parts.Add(new PersonalDataPart(PersonalDataKinds.Audit, scope, mine));
            }
        }

        return parts;
    }

    /// <summary>
    /// Ends the person's connections, erases or anonymizes their data in every grain that holds some, then
    /// forgets the person and frees the e-mail address. Every step may run again: a retry finishes the job.
    /// </summary>
    public async Task Erase(string participantId, string? signInId, string? password)
    {
        var person = grains.GetGrain<IParticipantGrain>(participantId);
        var profile = await person.GetProfile() ?? throw ForumException.NotFound("Your account no longer exists.");
        var account = grains.GetGrain<IAccountGrain>(profile.Email);
        var credentials = await account.GetCredentials();
        var linked = (await person.GetFootprints()).Where(f => f.Kind == PersonalDataKinds.Account).ToList();
        if (credentials?.ParticipantId == participantId)
        {
            if (string.IsNullOrEmpty(password) || hasher.VerifyHashedPassword(credentials, credentials.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                throw ForumException.Forbidden(WrongPassword);
            }
        }
        else if (linked.Count == 0)
        {
            throw ForumException.Forbidden(WrongPassword);
        }
        else
        {
            // No password to ask for: a sign-in at the identity provider minutes ago confirms it is them.
            var signIn = (await person.GetSignIns()).FirstOrDefault(s => s.SignInId == signInId);
            if (signIn is null || time.GetUtcNow() - signIn.StartedAt > FreshSignIn)
            {
                throw ForumException.Forbidden(SignInAgainFirst);
            }
        }

        var footprints = await person.BeginErasure();
        var moderations = await person.GetModerations();
        foreach (var holder in Holders(profile, footprints, moderations))
        {
            await holder.ErasePersonalData(participantId);
        }

        // The person goes before the address: if the last step fails, the address is held by nobody
        // and the next registration with it takes it (AccountGrain.Register).
        await person.CompleteErasure();
        if (credentials?.ParticipantId == participantId)
        {
            await account.Erase(participantId);
        }

        foreach (var link in linked)
        {
            await grains.GetGrain<IAccountGrain>(link.Key).Erase(participantId);
        }
        logger.LogInformation("An erasure completed after {Places} places", footprints.Count);
    }

    // Every grain that may hold the person's data. Where they moderated, the session lists them and its
    // questions and floor may hold their id (who hid a question, who gave the floor).
    private IEnumerable<IHoldsPersonalData> Holders(ParticipantProfile profile, IEnumerable<DataFootprint> footprints, IEnumerable<Moderation> moderations)
    {
        var all = footprints
            .Concat(moderations.SelectMany(m => new[]
            {
                new DataFootprint(PersonalDataKinds.Session, m.SessionId),
                new DataFootprint(PersonalDataKinds.Questions, m.SessionId),
                new DataFootprint(PersonalDataKinds.Floor, m.SessionId),
            }))
            .Distinct();
        foreach (var footprint in all.Where(f => f.Kind != PersonalDataKinds.Account))
        {
            IHoldsPersonalData? holder = footprint.Kind switch
            {
                PersonalDataKinds.Questions => grains.GetGrain<IQuestionBoardGrain>(footprint.Key),
                PersonalDataKinds.Floor => grains.GetGrain<ISpeakingQueueGrain>(footprint.Key),
                PersonalDataKinds.Topic => grains.GetGrain<ITopicFollowersGrain>(footprint.Key),
                PersonalDataKinds.Consultation => grains.GetGrain<IConsultationGrain>(footprint.Key),
                PersonalDataKinds.Session => grains.GetGrain<ISessionGrain>(footprint.Key),
                _ => null,
            };
            if (holder is null)
            {
                logger.LogWarning("Unknown kind of personal data place {Kind}", footprint.Kind);
                continue;
            }

            yield return holder;
        }

        yield return grains.GetGrain<IStakeholderGroupGrain>(WireNames.Name(profile.StakeholderGroup));
    }
}
