using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HdrHistogram;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Archive;

/// <summary>
/// The archive of published proceedings: fills it to <see cref="Options.Proceedings"/> sessions (unless
/// it holds them already), then measures searches over it, one at a time and then concurrently, each
/// request timed from sending to its whole answer read, in HdrHistograms by kind of query.
/// </summary>
public static class ArchiveScenario
{
    public static async Task<ArchiveReport> Run(Uri url, Options options, CancellationToken ct)
    {
        var label = options.LabelOf(url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };

        // The first search waits for the server's index to be loaded from the catalog (answered 503
        // while that takes longer than the server's patience): timed until the first answer.
        var first = Stopwatch.GetTimestamp();
        var unavailable = 0;
        ArchivePage before;
        while (true)
        {
            using var response = await http.GetAsync("api/archive?pageSize=1", ct);
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && Stopwatch.GetElapsedTime(first) < TimeSpan.FromMinutes(10))
            {
                unavailable++;
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                continue;
            }

            response.EnsureSuccessStatusCode();
            before = (await JsonSerializer.DeserializeAsync<ArchivePage>(await response.Content.ReadAsStreamAsync(ct), ForumJson.Options, ct))!;
            break;
        }

        var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        Console.WriteLine($"[{label}] the archive holds {before.Total} proceedings (first answer after {firstMs:0.0} ms, {unavailable} times 503 before)");

        SeedingResult? seeding = null;
        if (before.Total < options.Proceedings)
        {
            using var seeder = new ArchiveSeeder(url, options);
            seeding = await seeder.Run(before.Total, ct);
            Console.WriteLine($"[{label}] seeded: {seeding.Published} in {seeding.Seconds:0.0} s ({seeding.PerSecond:0.0}/s), {seeding.Failed} failed");
        }

        var archive = await Page(http, "api/archive?pageSize=1", ct);
        Console.WriteLine($"[{label}] searching an archive of {archive.Total} proceedings");

        var phases = new List<SearchPhase>();
        var examples = new ArchiveQueries(99);
        var exampleQueries = Enumerable.Range(0, 14).Select(_ => Uri.UnescapeDataString(examples.Next().Query)).ToList();

        // Warm-up (JIT, connection, caches), not measured.
        var pid = options.ServerPid;
        await Closed(http, 1, options.Searches / 10, null, seed: 1, pid, ct);
        phases.Add(await Closed(http, 1, options.Searches, null, seed: 2, pid, ct) with { Name = "sequential" });
        await Closed(http, options.Concurrency, int.MaxValue, TimeSpan.FromSeconds(options.WarmupSeconds), seed: 3, pid, ct);
        phases.Add(await Closed(http, options.Concurrency, int.MaxValue, TimeSpan.FromSeconds(options.DurationSeconds), seed: 4, pid, ct) with
        {
            Name = $"{options.Concurrency} concurrent",
        });

        return new ArchiveReport(
            "archive", label, url.ToString(), archive.Total, archive.Facets.Years, archive.Facets.Types, seeding, Math.Round(firstMs, 1), unavailable,
            phases, ArchiveQueries.Kinds, exampleQueries);
    }

    /// <summary><paramref name="workers"/> clients each sending its next search when the last was answered, until a count or a time.</summary>
    private static async Task<SearchPhase> Closed(HttpClient http, int workers, int count, TimeSpan? duration, int seed, int serverPid, CancellationToken ct)
    {
        var cpuBefore = Live.ProcessFigures.CpuSeconds(serverPid);
        var all = new LongConcurrentHistogram(1, TimeSpan.FromMinutes(2).Ticks / 10, 3);
        var byKind = new ConcurrentDictionary<string, LongConcurrentHistogram>(StringComparer.Ordinal);
        long errors = 0, empty = 0, sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var queries = new ArchiveQueries((seed * 1000) + w);
            while (!ct.IsCancellationRequested && (duration is null || clock.Elapsed < duration) && Interlocked.Increment(ref sent) <= count)
            {
                var query = queries.Next();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(query.Query, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }

                    all.RecordValue(micros);
                    byKind.GetOrAdd(query.Kind, _ => new LongConcurrentHistogram(1, TimeSpan.FromMinutes(2).Ticks / 10, 3)).RecordValue(micros);
                    if (TotalOf(body) == 0)
                    {
                        Interlocked.Increment(ref empty);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = Live.ProcessFigures.CpuSeconds(serverPid) - cpuBefore;
        return new SearchPhase(
            "search", workers, Math.Round(seconds, 1), errors, empty,
            cpu is { } c && all.TotalCount > 0 ? Math.Round(c * 1000 / all.TotalCount, 2) : null,
            LatencyRow.Of("all", all, seconds),
            [.. ArchiveQueries.Kinds.Where(k => byKind.ContainsKey(k.Name)).Select(k => LatencyRow.Of(k.Name, byKind[k.Name], seconds))]);
    }

    /// <summary>The page's "total", read without parsing the rest.</summary>
    private static int TotalOf(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("total"u8))
            {
                reader.Read();
                return reader.GetInt32();
            }
        }

        return -1;
    }

    private static async Task<ArchivePage> Page(HttpClient http, string query, CancellationToken ct)
    {
        using var response = await http.GetAsync(query, ct);
        response.EnsureSuccessStatusCode();
        return (await JsonSerializer.DeserializeAsync<ArchivePage>(await response.Content.ReadAsStreamAsync(ct), ForumJson.Options, ct))!;
    }
}
