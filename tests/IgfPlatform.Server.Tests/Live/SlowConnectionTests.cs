using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>
/// A participant on a poor connection stops reading: the session's other followers on the same server keep
/// receiving every change, and the slow one, once it reads again, gets the newest batch and sees the jump in
/// <c>seq</c> that makes it resync.
/// </summary>
public sealed class ShortLinePlatform : SingleServerFixture
{
    /// <summary>Batches that may wait for one connection here (1,024 by default: too many bytes for a test to push).</summary>
    public const int MaxWaitingBatches = 16;

    protected override PlatformServerOptions Options => new()
    {
        SeedDemoData = true,
        Settings = new Dictionary<string, string> { ["Live__MaxWaitingBatches"] = MaxWaitingBatches.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}

public sealed class SlowConnectionTests(ShortLinePlatform platform) : IClassFixture<ShortLinePlatform>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // More than a connection that reads nothing can hold: the server's socket send buffer (Linux grows it
    // to 4 MiB at most), the client's receive buffer (4 KiB below), SignalR's 64 KiB pipe and the 16
    // batches that may wait in its outlet here (about 7 MiB in all); twice over.
    private const long BytesToPush = 16L * 1024 * 1024;

    [Fact]
    public async Task A_follower_that_stops_reading_holds_up_nobody_and_learns_what_it_missed()
    {
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(platform.Server);
        await using (var desk = await platform.Server.ConnectAsync(moderatorApi.AccessToken))
        {
            await desk.StartSessionAsync(session);
        }

        await using var slow = await StalledFollower.JoinAsync(platform.Server.BaseUri, session);
        await using var follower = await platform.Server.ConnectAsync();
        var view = await follower.JoinSessionAsync(session);

        // Large agendas (60 items with long titles and many speakers), retitled again and again.
        var pushed = 0L;
        var changes = 0;
        string lastTitle = "";
        while (pushed < BytesToPush)
        {
            changes++;
            lastTitle = $"Change {changes}: " + new string('r', AgendaLimits.MaxTitleLength - 20);
            var agenda = BigAgenda(lastTitle);
            await moderatorApi.PutAgendaAsync(session, agenda);
            pushed += JsonSerializer.SerializeToUtf8Bytes(agenda).Length;
            if (changes % 10 == 0)
            {
                // The slow client still says it is there (it sends, it only does not read).
                await slow.PingAsync();
            }
        }

        // The follower that reads has every change, while the other has read nothing since joining.
        await view.WaitUntilAsync(v => v.Agenda.Count > 0 && v.Agenda[0].Title == lastTitle, Patience);
        var last = view.LastSeq;

        // The slow one reads again: it ends with the newest batch, after a jump (the batches that gave way)
        // that its client repairs with Resync.
        var batches = await slow.ReadBatchesUntilAsync(last, Patience);
        Assert.Equal(last, batches[^1].ToSeq);
        var jumps = batches.Zip(batches.Skip(1)).Count(p => p.Second.FromSeq > p.First.ToSeq + 1);
        Assert.True(jumps >= 1, $"batches skipped for the slow connection show as a jump in seq ({batches.Count} batches read)");
        Assert.True(batches.Count < changes, $"the slow connection was not sent all {changes} changes one after another");

        // Operators see it: the batches slow connections never got are counted.
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var deadline = DateTime.UtcNow + Patience;
        double skipped;
        do
        {
            // The exporter caches a scrape briefly: read until the count shows.
            skipped = Skipped(await http.GetStringAsync("metrics"));
        }
        while (skipped < 1 && DateTime.UtcNow < deadline);

        Assert.True(skipped >= 1, "igf_relay_skipped_total counts the batches a slow connection never got");
    }

    private static double Skipped(string scrape) =>
        scrape.Split('\n').Where(l => l.StartsWith("igf_relay_skipped_total", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static List<AgendaItem> BigAgenda(string firstTitle) =>
        [.. Enumerable.Range(0, 60).Select(i => new AgendaItem(
            $"item-{i}",
            i == 0 ? firstTitle : $"Item {i}: " + new string('t', AgendaLimits.MaxTitleLength - 12),
            5,
            [.. Enumerable.Range(0, AgendaLimits.MaxSpeakers).Select(s => $"Speaker {s} " + new string('s', 100))]))];

    /// <summary>
    /// A hub client over a raw WebSocket with a 4 KiB receive buffer that joins a session and then reads
    /// nothing until asked to: what a participant on a congested link looks like to the server.
    /// </summary>
    private sealed class StalledFollower : IAsyncDisposable
    {
        private const char Separator = '\u001e';
        private readonly Socket _socket;
        private readonly WebSocket _ws;
        private readonly StringBuilder _pending = new();
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

        private StalledFollower(Socket socket, WebSocket ws)
        {
            _socket = socket;
            _ws = ws;
        }

        public static async Task<StalledFollower> JoinAsync(Uri baseUri, string session)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, baseUri.Port));
            var stream = new NetworkStream(socket, ownsSocket: false);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            // The hub accepts a WebSocket without a negotiation first, as SignalR clients that skip it do.
            var request = $"GET /hubs/forum HTTP/1.1\r\nHost: {baseUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            var head = await ReadHeadAsync(stream);
            Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = Timeout.InfiniteTimeSpan });
            var follower = new StalledFollower(socket, ws);
            await follower.SendAsync("{\"protocol\":\"json\",\"version\":1}");
            Assert.Equal("{}", await follower.ReceiveAsync());
            await follower.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinSession\",\"arguments\":[\"{session}\"]}}");
            while (true)
            {
                using var message = JsonDocument.Parse(await follower.ReceiveAsync());
                if (message.RootElement.GetProperty("type").GetInt32() == 3)
                {
                    Assert.False(message.RootElement.TryGetProperty("error", out var error), $"join refused: {error}");
                    return follower;
                }
            }
        }

        public Task PingAsync() => SendAsync("{\"type\":6}");

        /// <summary>Reads the session's batches (seq ranges) until one ends at <paramref name="seq"/>.</summary>
        public async Task<List<(long FromSeq, long ToSeq)>> ReadBatchesUntilAsync(long seq, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var batches = new List<(long, long)>();
            while (batches.Count == 0 || batches[^1].Item2 < seq)
            {
                using var message = JsonDocument.Parse(await ReceiveAsync(cts.Token));
                var root = message.RootElement;
                if (root.GetProperty("type").GetInt32() == 1 && root.GetProperty("target").GetString() == "events")
                {
                    var batch = root.GetProperty("arguments")[0];
                    batches.Add((batch.GetProperty("fromSeq").GetInt64(), batch.GetProperty("toSeq").GetInt64()));
                }
            }

            return batches;
        }

        private Task SendAsync(string message) =>
            _ws.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task<string> ReceiveAsync(CancellationToken ct = default)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var text = _pending.ToString();
                var end = text.IndexOf(Separator, StringComparison.Ordinal);
                if (end >= 0)
                {
                    _pending.Remove(0, end + 1);
                    return text[..end];
                }

                var result = await _ws.ReceiveAsync(buffer, ct);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                var chars = new char[Encoding.UTF8.GetMaxCharCount(result.Count)];
                _pending.Append(chars, 0, _utf8.GetChars(buffer, 0, result.Count, chars, 0));
            }
        }

        private static async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                Assert.Equal(1, await stream.ReadAsync(one));
                head.Append((char)one[0]);
            }

            return head.ToString();
        }

        public ValueTask DisposeAsync()
        {
            _ws.Dispose();
            _socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
