using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Server.Hosting;

namespace IgfPlatform.Server.Proceedings;

/// <summary>
/// Loads the archive's catalog into this server's <see cref="ArchiveIndex"/> at start, then reads what
/// changed every <see cref="Interval"/> (another server may have published). A change made through
/// this server is applied at once by <see cref="RefreshNow"/>. Readiness waits for the first reading,
/// so that a ready server never answers an archive search from an empty index.
/// </summary>
public sealed class ArchiveIndexRefresher(ArchiveIndex index, IArchiveStore store, StartupGate gate, ILogger<ArchiveIndexRefresher> logger) : BackgroundService
{
    private const string GateTask = "archive index";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // Store times come from the storage's clock: read a little before the last change seen.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DateTimeOffset? _lastChange;

    /// <summary>How long a request waits for the first reading of the catalog before it is told to come back.</summary>
    public static readonly TimeSpan LoadPatience = TimeSpan.FromSeconds(10);

    /// <summary>Returns once the whole catalog has been read; 503 when that takes longer than <see cref="LoadPatience"/>.</summary>
    public async Task Loaded()
    {
        try
        {
            await _loaded.Task.WaitAsync(LoadPatience);
        }
        catch (TimeoutException)
        {
            throw ForumException.Unavailable("The archive is still being read from storage. Try again in a moment.");
        }
    }

    public async Task RefreshNow(CancellationToken cancellationToken = default)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            var changes = new List<ArchiveChange>();
            await foreach (var change in store.ReadChanges(_lastChange - Overlap, cancellationToken))
            {
                changes.Add(change);
            }

            index.Apply(changes);
            if (changes.Count > 0)
            {
                var latest = changes.Max(c => c.ChangedAt);
                _lastChange = _lastChange is { } last && last > latest ? last : latest;
            }

            if (_loaded.TrySetResult())
            {
                gate.Complete(GateTask);
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        gate.Begin(GateTask);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshNow(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not read the archive's catalog");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
