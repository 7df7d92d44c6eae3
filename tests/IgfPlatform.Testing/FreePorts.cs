using System.Net;
using System.Net.Sockets;

namespace IgfPlatform.Testing;

/// <summary>Free TCP ports on loopback, for servers the tests start.</summary>
public static class FreePorts
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    public static int[] Take(int count)
    {
        lock (Gate)
        {
            var ports = new List<int>(count);
            var listeners = new List<TcpListener>();
            try
            {
                while (ports.Count < count)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    listeners.Add(listener);
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    // Never hand out the same port twice in one test run, even after it was freed.
                    if (Given.Add(port))
                    {
                        ports.Add(port);
                    }
                }
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }

            return [.. ports];
        }
    }

    public static int Take() => Take(1)[0];

    /// <summary>Completes when something accepts TCP connections on the port.</summary>
    public static async Task WaitForListener(int port, TimeSpan timeout, Func<bool>? stillAlive = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && (stillAlive?.Invoke() ?? true))
            {
                await Task.Delay(50);
            }
        }
    }
}
