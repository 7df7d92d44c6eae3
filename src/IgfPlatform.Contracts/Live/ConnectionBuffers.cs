using System.Globalization;

namespace IgfPlatform.Contracts.Live;

/// <summary>
/// Lets the process's shared byte pool keep a buffer for each of thousands of live connections.
/// SignalR's connection pipes rent their buffers from <c>ArrayPool&lt;byte&gt;.Shared</c>, which by
/// default keeps 32 arrays of one size per core. A server pushing one batch to 5,000 followers has a
/// buffer out for each of them at once (and a client process holding 5,000 connections one per pending
/// receive), so all but a few dozen of those returned were dropped for the collector: about 4 KB of
/// garbage per message per connection. Measured with 5,000 participants on two cores: the server
/// allocated 150 MB a second and was paused by the collector about a tenth of the time; with this, 1 MB a
/// second and hardly a collection (docs/performance.md).
/// </summary>
public static class ConnectionBuffers
{
    /// <summary>The runtime's setting: how many arrays of one size the shared pool keeps per core.</summary>
    public const string Setting = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>
    /// On two cores, room for 8,192 buffers of each size: more than the connections one server or one load
    /// generator holds. The pool keeps only arrays that were in use at once, and trims what stays idle.
    /// </summary>
    public const int ArraysPerCore = 4096;

    /// <summary>
    /// Call first in <c>Main</c>, before anything rents from the pool: the runtime reads the setting once.
    /// An operator's own value is kept. Child processes inherit it.
    /// </summary>
    public static void Reserve()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Setting)))
        {
            Environment.SetEnvironmentVariable(Setting, ArraysPerCore.ToString(CultureInfo.InvariantCulture));
        }
    }
}
