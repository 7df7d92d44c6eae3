namespace IgfPlatform.Server.Hosting;

/// <summary>
/// Work the platform does once at start (installing shipped topics, making demo data). Readiness
/// waits for it; if storage is not there yet, it is tried again with growing pauses until it works.
/// </summary>
public abstract class StartupTask(StartupGate gate, ILogger logger) : BackgroundService
{
    protected abstract string Name { get; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        gate.Begin(Name);
        return base.StartAsync(cancellationToken);
    }

    protected abstract Task Run(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Run(stoppingToken);
                gate.Complete(Name);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Start-up task '{Task}' failed; trying again in {Pause}", Name, pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
