using System.Text.RegularExpressions;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>infra/docker/Dockerfile read as text (no container engine on a fresh machine).</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Manifests.Dockerfile);

    [Fact]
    public void Every_file_the_build_copies_from_the_repository_exists()
    {
        var copies = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            foreach (var source in parts)
            {
                var path = Path.Combine(RepoPaths.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{source} (in '{copy}') is not in the repository.");
            }
        }

        // Every project the server references is restored before the sources come (restore layering).
        var server = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "IgfPlatform.Server", "IgfPlatform.Server.csproj"));
        foreach (Match reference in ProjectReference().Matches(server))
        {
            var name = Path.GetFileName(reference.Groups[1].Value.Replace('\\', '/'));
            Assert.Contains(copies, c => c.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_runtime_is_ASP_NET_Core_10_as_a_non_root_user()
    {
        var stages = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("FROM node:20", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", stages[1], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1], StringComparison.Ordinal);

        var runtime = Lines.SkipWhile(l => l != stages[^1]).ToList();
        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains(runtime, l => l.StartsWith("ENTRYPOINT [\"dotnet\", \"IgfPlatform.Server.dll\"]", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime, l => l.Contains("SigningKey", StringComparison.Ordinal) || l.Contains("ConnectionStrings", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_leaves_out_what_is_built_or_installed_here()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"));
        foreach (var entry in new[] { "**/node_modules/", "**/bin/", "**/obj/", ".data/", "**/TestResults/", "**/__azurite*" })
        {
            Assert.Contains(entry, ignored);
        }
    }

    [GeneratedRegex(@"ProjectReference Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
