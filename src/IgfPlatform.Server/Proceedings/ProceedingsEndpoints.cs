using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Xml;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.Proceedings;

/// <summary>A save of the moderators' text names the revision it edits.</summary>
public sealed record SaveProceedingsText(ProceedingsText? Text, int? Revision);

public sealed record PublishProceedings(string? Note);

public sealed record TakeDownVersion(string? Reason);

/// <summary>The moderators' text of a version, rendered from Markdown as safe HTML.</summary>
public sealed record RenderedText(string Summary, IReadOnlyList<string> Takeaways, IReadOnlyList<string> CallsToAction);

public static class ProceedingsEndpoints
{
    /// <summary>
    /// A version never changes, so caches keep it without asking again; for a day only, because a legal
    /// takedown must reach caches too (a CDN in front is purged on takedown for sooner).
    /// </summary>
    public const string Immutable = "public, max-age=86400, immutable";

    /// <summary>May change: caches keep it but ask (cheaply, with the ETag) before each use.</summary>
    public const string Revalidate = "public, no-cache";

    private static readonly string[] CsvColumns =
    [
        "sessionId", "version", "title", "type", "year", "startsAt", "publishedAt", "topics", "groups", "speeches",
        "floorSeconds", "peakAttendance", "summary", "takeaways", "callsToAction", "hash", "url",
    ];

    public static WebApplicationBuilder AddProceedings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IArchiveStore>(sp => new AzureArchiveStore(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(),
            sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(),
            sp.GetRequiredService<IOptions<ClusterSettings>>().Value.ServiceId));
        builder.Services.AddSingleton<ArchiveIndex>();
        builder.Services.AddSingleton<ArchiveVersions>();
        builder.Services.AddSingleton<ArchiveIndexRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ArchiveIndexRefresher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapProceedings(this IEndpointRouteBuilder app)
    {
        var draft = app.MapGroup("/api/sessions/{id}/proceedings").WithTags("Proceedings").RequireAuthorization();

        draft.MapGet("/draft", async Task<Ok<ProceedingsDraft>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IProceedingsGrain>(id).GetDraft(user.ParticipantId())))
            .WithSummary("The report as it would be published now, built from the session's log (its moderators and organizers).");

        draft.MapPut("/draft", async Task<Ok<ProceedingsDraft>> (string id, SaveProceedingsText body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (body?.Text is null || body.Revision is not { } revision)
            {
                throw ForumException.Invalid("A text {summary, takeaways, callsToAction} and the revision it edits are required.");
            }

            return TypedResults.Ok(await grains.GetGrain<IProceedingsGrain>(id).SaveText(user.ParticipantId(), body.Text, revision));
        }).Audited("saveProceedingsText", "id").WithSummary("Save the summary, key takeaways and calls to action (Markdown); 409 when someone saved since the given revision.");

        draft.MapPost("/versions", async Task<Created<ProceedingsVersionInfo>> (
            string id, PublishProceedings? body, ClaimsPrincipal user, IGrainFactory grains, ArchiveVersions versions, ArchiveIndexRefresher refresher) =>
        {
            var info = await grains.GetGrain<IProceedingsGrain>(id).Publish(user.ParticipantId(), body?.Note);
            versions.Forget(id);
            await RefreshQuietly(refresher);
            return TypedResults.Created(ArchiveUrls.Version(id, info.Version), info);
        }).Audited("publishProceedings", "id").WithSummary("Publish: freeze the report into the next version, chained to the one before (after the session ended; a note is required from version 2).");

        var archive = app.MapGroup("/api/archive").WithTags("Archive");

        archive.MapGet("/", async Task<IResult> (
            HttpContext context, ArchiveIndex index, ArchiveIndexRefresher refresher,
            string? q, string? topic, string? group, int? year, string? type, int? page, int? pageSize) =>
        {
            var query = Query(q, topic, group, year, type, page, pageSize);
            await refresher.Loaded();
            var tag = $"\"s-{index.Fingerprint}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.QueryString.Value ?? string.Empty)))[..16]}\"";
            return NotModified(context, tag, Revalidate) ?? TypedResults.Ok(index.Search(query));
        }).WithSummary("Browse and search the archive: words in titles, summaries, takeaways and calls to action; filters by topic, stakeholder group, year and session type; paged.");

        archive.MapGet("/export.json", async Task (HttpContext context, ArchiveIndex index, ArchiveIndexRefresher refresher) =>
        {
            await refresher.Loaded();
            if (NotModified(context, $"\"j-{index.Fingerprint}\"", Revalidate) is not null)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await WriteJsonExport(context, index.All());
        }).WithSummary("Open data: every session's latest published proceedings (the catalog line; the full record at its url), schema in docs/archive-export.schema.json.");

        archive.MapGet("/export.csv", async Task (HttpContext context, ArchiveIndex index, ArchiveIndexRefresher refresher) =>
        {
            await refresher.Loaded();
            if (NotModified(context, $"\"c-{index.Fingerprint}\"", Revalidate) is not null)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "text/csv; charset=utf-8; header=present";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"igf-archive.csv\"";
            await WriteCsvExport(context, index.All());
        }).WithSummary("Open data: the same as export.json as CSV (RFC 4180), one line per session.");

        archive.MapGet("/feed.atom", async Task (HttpContext context, ArchiveIndex index, ArchiveIndexRefresher refresher) =>
        {
            await refresher.Loaded();
            if (NotModified(context, $"\"a-{index.Fingerprint}\"", Revalidate) is not null)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "application/atom+xml; charset=utf-8";
            await WriteAtom(context, index.All().OrderByDescending(e => e.PublishedAt).Take(50).ToList());
        }).WithSummary("An Atom feed of the 50 latest publications.");

        archive.MapGet("/{sessionId}/versions", async Task<IResult> (string sessionId, HttpContext context, ArchiveVersions versions) =>
        {
            var chain = await versions.Chain(sessionId);
            if (chain.Count == 0)
            {
                throw ForumException.NotFound($"No proceedings of '{sessionId}' are published.");
            }

            var tag = $"\"h-{chain.Count}-{chain[^1].Hash[..16]}-{chain.Count(v => v.TakenDown is not null)}\"";
            return NotModified(context, tag, Revalidate) ?? TypedResults.Ok(chain);
        }).WithSummary("The chain: every version with its SHA-256, the previous version's hash, its note, and a takedown where there was one.");

        archive.MapGet("/{sessionId}/latest", async Task<IResult> (string sessionId, HttpContext context, ArchiveVersions versions) =>
        {
            var found = await versions.Get(sessionId, null);
            if (found is VersionLookup.Found f)
            {
                context.Response.Headers.ContentLocation = ArchiveUrls.Version(sessionId, f.Info.Version);
            }

            return Serve(context, sessionId, found, Revalidate);
        }).WithSummary("The latest version (not taken down): the same bytes as its own URL, named in Content-Location.");

        archive.MapGet("/{sessionId}/v/{version:int}", async Task<IResult> (string sessionId, int version, HttpContext context, ArchiveVersions versions) =>
            Serve(context, sessionId, await versions.Get(sessionId, version), Immutable))
            .WithSummary("One version, byte for byte as published (canonical JSON, RFC 8785): its SHA-256 is its ETag and Content-Digest.");

        archive.MapGet("/{sessionId}/v/{version:int}/rendered", async Task<IResult> (string sessionId, int version, HttpContext context, ArchiveVersions versions) =>
        {
            var found = await versions.Get(sessionId, version);
            if (found is not VersionLookup.Found f)
            {
                return Serve(context, sessionId, found, Immutable);
            }

            var tag = $"\"r-{f.Info.Hash}\"";
            if (NotModified(context, tag, Immutable) is { } notModified)
            {
                return notModified;
            }

            var p = JsonSerializer.Deserialize<ProceedingsRecord>(f.Bytes, CanonicalJson.Options)!.Proceedings;
            return TypedResults.Ok(new RenderedText(
                ProceedingsMarkdown.ToHtml(p.Summary), [.. p.Takeaways.Select(ProceedingsMarkdown.ToHtml)], [.. p.CallsToAction.Select(ProceedingsMarkdown.ToHtml)]));
        }).WithSummary("The moderators' text of a version as safe HTML (markup they typed is shown as text).");

        archive.MapPost("/{sessionId}/v/{version:int}/takedown", async Task<Ok<ProceedingsVersionInfo>> (
            string sessionId, int version, TakeDownVersion? body, ClaimsPrincipal user, IGrainFactory grains, ArchiveVersions versions, ArchiveIndexRefresher refresher) =>
        {
            var down = await grains.GetGrain<IProceedingsGrain>(sessionId).TakeDown(user.ParticipantId(), version, body?.Reason ?? string.Empty);
            versions.Forget(sessionId);
            await RefreshQuietly(refresher);
            return TypedResults.Ok(down);
        }).RequireAuthorization().Audited("takeDownProceedings", "sessionId").WithSummary("A legal takedown (organizers): the version's content goes, a tombstone with its hash and the reason stays in the chain.");

        return app;
    }

    /// <summary>The search's input, checked.</summary>
    public static ArchiveQuery Query(string? q, string? topic, string? group, int? year, string? type, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (q?.Length > ArchiveQuery.MaxWordsLength)
        {
            errors["q"] = [$"At most {ArchiveQuery.MaxWordsLength} characters."];
        }

        if (group is not null && !WireNames.TryGroup(group, out _))
        {
            errors["group"] = [$"One of {WireNames.GroupList}."];
        }

        if (type is not null && !Enum.GetValues<SessionType>().Any(t => WireNames.Name(t) == type))
        {
            errors["type"] = [$"One of {string.Join(", ", Enum.GetValues<SessionType>().Select(t => WireNames.Name(t)))}."];
        }

        if (year is < 2000 or > 2200)
        {
            errors["year"] = ["A year from 2000 to 2200."];
        }

        if (page is < 1 or > 10_000)
        {
            errors["page"] = ["From 1 to 10,000."];
        }

        if (pageSize is < 1 or > ArchiveQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"From 1 to {ArchiveQuery.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The search is not valid.", errors);
        }

        return new ArchiveQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(), string.IsNullOrWhiteSpace(topic) ? null : topic, group, year, type,
            page ?? 1, pageSize ?? ArchiveQuery.DefaultPageSize);
    }

    private static async Task RefreshQuietly(ArchiveIndexRefresher refresher)
    {
        try
        {
            await refresher.RefreshNow();
        }
        catch (Exception)
        {
            // The refresher reads the catalog again within seconds.
        }
    }

    private static IResult Serve(HttpContext context, string sessionId, VersionLookup lookup, string cacheControl) => lookup switch
    {
        VersionLookup.Found f => NotModified(context, $"\"{f.Info.Hash}\"", cacheControl, f.Digest) ?? Results.Bytes(f.Bytes, "application/json; charset=utf-8"),
        VersionLookup.TakenDown t => Results.Problem(
            statusCode: StatusCodes.Status410Gone, title: "Taken down.",
            detail: $"Version {t.Info.Version} of the proceedings of '{sessionId}' was taken down on {t.Info.TakenDown!.At:yyyy-MM-dd}: {t.Info.TakenDown.Reason}",
            extensions: new Dictionary<string, object?> { ["hash"] = t.Info.Hash, ["previousHash"] = t.Info.PreviousHash, ["version"] = t.Info.Version }),
        VersionLookup.Altered a => Results.Problem(
            statusCode: StatusCodes.Status500InternalServerError, title: "The stored record does not match its hash.",
            detail: $"Version {a.Info.Version} of the proceedings of '{sessionId}' is not served: what storage holds is not what was published.",
            extensions: new Dictionary<string, object?> { ["hash"] = a.Info.Hash, ["storedHash"] = a.StoredHash }),
        _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no such published version of the proceedings of '{sessionId}'."),
    };

    /// <summary>Sets the caching headers; a 304 when the client already holds this representation.</summary>
    private static IResult? NotModified(HttpContext context, string etag, string cacheControl, string? digest = null)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        if (digest is not null)
        {
            headers["Content-Digest"] = $"sha-256=:{digest}:";
        }

        var asked = context.Request.Headers.IfNoneMatch;
        if (asked.Count > 0 && EntityTagHeaderValue.TryParseList(asked, out var tags)
            && tags.Any(t => t.Tag == "*" || t.Tag.ToString() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return null;
    }

    private static async Task WriteJsonExport(HttpContext context, IReadOnlyList<ArchiveEntry> entries)
    {
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("format", "igf-archive-export/1");
        json.WriteNumber("count", entries.Count);
        json.WriteStartArray("proceedings");
        foreach (var e in entries)
        {
            json.WriteStartObject();
            json.WriteString("sessionId", e.SessionId);
            json.WriteNumber("version", e.Version);
            json.WriteString("title", e.Title);
            json.WriteString("type", e.Type);
            json.WriteNumber("year", e.StartsAt.UtcDateTime.Year);
            json.WriteString("startsAt", e.StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("publishedAt", e.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            WriteStrings(json, "topics", e.Topics);
            WriteStrings(json, "groups", e.Groups);
            json.WriteNumber("speeches", e.Speeches);
            json.WriteNumber("floorSeconds", e.FloorSeconds);
            json.WriteNumber("peakAttendance", e.PeakAttendance);
            json.WriteString("summary", e.Summary);
            WriteStrings(json, "takeaways", e.Takeaways);
            WriteStrings(json, "callsToAction", e.CallsToAction);
            json.WriteString("hash", e.Hash);
            json.WriteString("url", ArchiveUrls.Version(e.SessionId, e.Version));
            json.WriteEndObject();
            if (json.BytesPending > 32 * 1024)
            {
                await json.FlushAsync();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync();

        static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
        {
            json.WriteStartArray(name);
            foreach (var v in values)
            {
                json.WriteStringValue(v);
            }

            json.WriteEndArray();
        }
    }

    private static async Task WriteCsvExport(HttpContext context, IReadOnlyList<ArchiveEntry> entries)
    {
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(string.Join(',', CsvColumns) + "\r\n");
        foreach (var e in entries)
        {
            string[] cells =
            [
                e.SessionId, e.Version.ToString(CultureInfo.InvariantCulture), e.Title, e.Type, e.StartsAt.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture),
                e.StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                e.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                string.Join(';', e.Topics), string.Join(';', e.Groups), e.Speeches.ToString(CultureInfo.InvariantCulture),
                e.FloorSeconds.ToString(CultureInfo.InvariantCulture), e.PeakAttendance.ToString(CultureInfo.InvariantCulture),
                e.Summary, string.Join('\n', e.Takeaways), string.Join('\n', e.CallsToAction), e.Hash, ArchiveUrls.Version(e.SessionId, e.Version),
            ];
            await writer.WriteAsync(string.Join(',', cells.Select(Csv)) + "\r\n");
        }

        await writer.FlushAsync();
    }

    /// <summary>
    /// One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @ first) starts
    /// with an apostrophe, so text stays text when the export is opened.
    /// </summary>
    public static string Csv(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static async Task WriteAtom(HttpContext context, List<ArchiveEntry> entries)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        await using var xml = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true });
        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement(null, "feed", "http://www.w3.org/2005/Atom");
        xml.WriteElementString("title", "Internet Governance Forum: published proceedings");
        xml.WriteElementString("id", origin + "/api/archive/feed.atom");
        xml.WriteElementString("updated", Stamp(entries.Count > 0 ? entries[0].PublishedAt : DateTimeOffset.UnixEpoch));
        Link(xml, "self", origin + "/api/archive/feed.atom", "application/atom+xml");
        Link(xml, "alternate", origin + "/archive", "text/html");
        foreach (var e in entries)
        {
            xml.WriteStartElement("entry");
            xml.WriteElementString("title", e.Title);
            xml.WriteElementString("id", origin + ArchiveUrls.Version(e.SessionId, e.Version));
            xml.WriteElementString("updated", Stamp(e.PublishedAt));
            Link(xml, "alternate", origin + ArchiveUrls.Page(e.SessionId, e.Version), "text/html");
            Link(xml, "related", origin + ArchiveUrls.Version(e.SessionId, e.Version), "application/json");
            xml.WriteStartElement("author");
            xml.WriteElementString("name", "Internet Governance Forum");
            xml.WriteEndElement();
            foreach (var topic in e.Topics)
            {
                xml.WriteStartElement("category");
                xml.WriteAttributeString("term", topic);
                xml.WriteEndElement();
            }

            // type="text": whatever the summary holds is shown as text by every reader.
            xml.WriteStartElement("summary");
            xml.WriteAttributeString("type", "text");
            xml.WriteString(e.Summary);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();

        static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        static void Link(XmlWriter xml, string rel, string href, string type)
        {
            xml.WriteStartElement("link");
            xml.WriteAttributeString("rel", rel);
            xml.WriteAttributeString("href", href);
            xml.WriteAttributeString("type", type);
            xml.WriteEndElement();
        }
    }
}
