using System.Diagnostics;

namespace IgfPlatform.LoadGen.Baseline;

/// <summary>The bare hub in a child process of the load generator, stopped when disposed, on exit or on Ctrl-C.</summary>
public sealed class BaselineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _stopped;

    private BaselineProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<BaselineProcess> Start(CancellationToken ct)
    {
        var dll = typeof(BaselineProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(dll);
        }

        foreach (var arg in new[] { "baseline-hub", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bare hub's process did not start.");
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(wait.Token) is { } line)
            {
                if (line.StartsWith(BaselineHost.ListeningPrefix, StringComparison.Ordinal))
                {
                    var url = line[BaselineHost.ListeningPrefix.Length..].Trim();
                    return new BaselineProcess(process, new Uri(url.EndsWith('/') ? url : url + "/"));
                }
            }

            throw new InvalidOperationException($"The bare hub's process exited before listening (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception)
        {
            // Already gone.
        }
    }
}
