using System.Reflection;

namespace IgfPlatform.Testing;

/// <summary>Where things are in the repository, found from the running test's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Azurite => Path.Combine(Root, "infra", "node_modules", ".bin", "azurite");

    /// <summary>The server built in the same configuration as the tests (Debug or Release).</summary>
    public static string ServerDll =>
        Environment.GetEnvironmentVariable("IGF_SERVER_DLL") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Root, "src", "IgfPlatform.Server", "bin", Configuration, "net10.0", "IgfPlatform.Server.dll");

    private static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IgfPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IgfPlatform.sln not found above {AppContext.BaseDirectory}.");
    }
}
