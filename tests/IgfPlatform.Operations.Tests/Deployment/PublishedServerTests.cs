using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Deployment;

public sealed class PublishedServerTests
{
    [Fact]
    public async Task The_published_server_runs_from_its_own_folder_with_environment_settings_only()
    {
        var published = await PublishedServer.PublishAsync();
        try
        {
            await RunFrom(published);
        }
        finally
        {
            PublishedServer.TryDelete(published);
        }
    }

    private static async Task RunFrom(string published)
    {
        Assert.True(File.Exists(Path.Combine(published, "wwwroot", "index.html")), "The web app is not in the published output.");
        Assert.False(published.StartsWith(RepoPaths.Root, StringComparison.Ordinal));

        await using var azurite = await AzuriteInstance.StartAsync();
        await using var server = await PublishedServer.StartAsync(published, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Auth__SigningKey"] = "published-test-key-" + Guid.NewGuid().ToString("N"),
        });

        using var http = new HttpClient { BaseAddress = server.BaseUri };

        // Every path the deployment files probe answers 200 on the running server.
        var probed = ProbePaths().ToList();
        Assert.Contains("/health/live", probed);
        Assert.Contains("/health/ready", probed);
        foreach (var path in probed)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }

        // The web app, from the published wwwroot, for the root and for any page of it.
        var index = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var page = await index.Content.ReadAsStringAsync();
        Assert.Contains("<script", page, StringComparison.Ordinal);
        Assert.Equal(page, await http.GetStringAsync("/sessions/any-session"));

        // The API: the platform's shipped topics are installed at start; no demo outside Development.
        using var topics = JsonDocument.Parse(await http.GetStringAsync("api/topics"));
        Assert.True(topics.RootElement.GetArrayLength() >= 10);
        using var sessions = JsonDocument.Parse(await http.GetStringAsync("api/sessions"));
        Assert.Equal(0, sessions.RootElement.GetArrayLength());

        // Production logs are JSON, one object per line (what a log collector reads).
        var jsonLine = server.Process.Output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith('{'));
        Assert.NotNull(jsonLine);
        using (JsonDocument.Parse(jsonLine))
        {
        }

        // Stopped as an orchestrator stops it: SIGTERM, a clean exit well within the grace period
        // the manifests give (infra/k8s/deployment.yaml: 60 s).
        var stopping = Stopwatch.StartNew();
        await server.Process.StopAsync(TimeSpan.FromSeconds(60));
        Assert.True(server.Process.HasExited);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"Stopping took {stopping.Elapsed}.");
    }

    private static IEnumerable<string> ProbePaths()
    {
        var container = Assert.Single(Manifests.OnlyOf("Deployment")["spec"]["template"]["spec"]["containers"].Items);
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            yield return container[probe]["httpGet"]["path"].Text!;
        }

        using var template = Manifests.ArmTemplate();
        var app = Assert.Single(template.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "Microsoft.App/containerApps");
        foreach (var appContainer in app.GetProperty("properties").GetProperty("template").GetProperty("containers").EnumerateArray())
        {
            foreach (var probe in appContainer.GetProperty("probes").EnumerateArray())
            {
                yield return probe.GetProperty("httpGet").GetProperty("path").GetString()!;
            }
        }
    }
}
