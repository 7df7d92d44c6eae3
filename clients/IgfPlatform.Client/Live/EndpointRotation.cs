using System.Net;
using Microsoft.AspNetCore.Connections;

namespace IgfPlatform.Client.Live;

/// <summary>
/// The platform servers a client may use, in order of preference, and the one in use. Each connect
/// (the first and every automatic reconnect) starts at the one in use and moves on to the next when
/// it cannot be reached, so that the participants of a lost server come back through the others.
/// </summary>
public sealed class PlatformEndpoints
{
    private readonly Uri[] _baseUris;
    private int _current;
    private int _failovers;

    public PlatformEndpoints(IEnumerable<Uri> baseUris)
    {
        ArgumentNullException.ThrowIfNull(baseUris);
        _baseUris = baseUris.Select(Check).ToArray();
        if (_baseUris.Length == 0)
        {
            throw new ArgumentException("Give at least one platform address.", nameof(baseUris));
        }
    }

    public IReadOnlyList<Uri> BaseUris => _baseUris;

    /// <summary>The server in use (or tried next, while disconnected).</summary>
    public Uri Current => _baseUris[Volatile.Read(ref _current)];

    /// <summary>Times a connect moved on from a server that could not be reached.</summary>
    public int Failovers => Volatile.Read(ref _failovers);

    internal int CurrentIndex => Volatile.Read(ref _current);

    internal void MoveFrom(int index)
    {
        // Only the first to see a server fail moves on; a late second would skip a good one.
        if (Interlocked.CompareExchange(ref _current, (index + 1) % _baseUris.Length, index) == index)
        {
            Interlocked.Increment(ref _failovers);
        }
    }

    internal void Use(int index) => Volatile.Write(ref _current, index);

    private static Uri Check(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{uri}' is not an http or https address of the platform.", nameof(uri));
        }

        // A base without a trailing slash would lose its last segment when "hubs/forum" is added.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}

/// <summary>
/// Wraps the SignalR client's HTTP connection factory: connects to the server in use and, when it
/// cannot be reached, to the next ones in turn, within one attempt.
/// </summary>
internal sealed class EndpointRotation(IConnectionFactory inner, PlatformEndpoints endpoints, string hubPath) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        for (var tried = 0; tried < endpoints.BaseUris.Count; tried++)
        {
            var index = endpoints.CurrentIndex;
            try
            {
                var connection = await inner.ConnectAsync(new UriEndPoint(new Uri(endpoints.BaseUris[index], hubPath)), cancellationToken);
                endpoints.Use(index);
                return connection;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e;
                endpoints.MoveFrom(index);
            }
        }

        throw last!;
    }
}
