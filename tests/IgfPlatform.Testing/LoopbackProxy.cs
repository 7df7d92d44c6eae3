using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IgfPlatform.Testing;

/// <summary>
/// A TCP proxy on loopback in front of a server, that can cut every open connection at once: the
/// network failure a participant on a poor connection sees, without touching the server.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Upstream, CancellationTokenSource Freeze)> _pairs = new();
    private readonly Task _accepting;

    public LoopbackProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Connections accepted so far (each reconnect adds one or more).</summary>
    public int Accepted => _accepted;

    private int _accepted;

    /// <summary>
    /// Stops carrying data on every open connection without closing it, as a network that silently
    /// went away: the server only notices through its keep-alive timeout.
    /// </summary>
    public void Freeze()
    {
        _frozen = true;
        foreach (var pair in _pairs.Values)
        {
            pair.Freeze.Cancel();
        }
    }

    private volatile bool _frozen;

    /// <summary>Cuts every open connection abruptly (RST), as a dropped network would.</summary>
    public int DropAll()
    {
        var dropped = 0;
        foreach (var (id, pair) in _pairs)
        {
            if (_pairs.TryRemove(id, out _))
            {
                try
                {
                    pair.Client.Client.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    // Its pipe ended at the same moment (the other side closed): closed already, so dropped all the same.
                }

                pair.Client.Dispose();
                pair.Upstream.Dispose();
                dropped++;
            }
        }

        return dropped;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            using var freeze = new CancellationTokenSource();
            _pairs[id] = (client, upstream, freeze);
            if (_frozen)
            {
                await freeze.CancelAsync();
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, freeze.Token);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), done.Token);
            var down = upstream.GetStream().CopyToAsync(client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
            if (freeze.IsCancellationRequested && !_stop.IsCancellationRequested)
            {
                // Frozen: keep both sockets open and silent until the proxy is dropped or disposed.
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
        }
        catch (Exception)
        {
            // A cut connection ends here by design.
        }
        finally
        {
            _pairs.TryRemove(id, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }
}
