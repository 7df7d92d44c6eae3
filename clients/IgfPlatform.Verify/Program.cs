using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Client.Proceedings;

// dotnet run --project clients/IgfPlatform.Verify -- <platform-url> <session-id> [<session-id> …]
// Exit code 0: every chain verifies; 1: a version failed; 2: wrong use or the platform could not be read.
if (args.Length < 2 || !Uri.TryCreate(args[0], UriKind.Absolute, out var platform) || platform.Scheme is not ("http" or "https"))
{
    await Console.Error.WriteLineAsync("Usage: IgfPlatform.Verify <platform-url> <session-id> [<session-id> …]");
    return 2;
}

var api = ForumClient.CreateApi(platform);
var failed = false;
foreach (var sessionId in args[1..])
{
    ChainReport report;
    try
    {
        report = await ArchiveVerifier.VerifyAsync(api, sessionId);
    }
    catch (Exception ex) when (ex is ForumApiException or HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"{sessionId}: could not read its proceedings: {ex.Message}");
        return 2;
    }

    Console.WriteLine($"{sessionId}: {(report.Valid ? "the chain verifies" : "THE CHAIN DOES NOT VERIFY")} ({report.Versions.Count} version(s))");
    foreach (var v in report.Versions)
    {
        var state = v.Check switch
        {
            VersionCheck.Verified => "verified",
            VersionCheck.TakenDown => "taken down (its hash still links the chain)",
            _ => "FAILED: " + v.Problem,
        };
        Console.WriteLine($"  v{v.Version}  sha256:{v.Hash}  {state}");
    }

    failed |= !report.Valid;
}

return failed ? 1 : 0;
