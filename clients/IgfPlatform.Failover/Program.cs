using IgfPlatform.Failover;

FailoverOptions options;
try
{
    options = FailoverOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + "\n" + FailoverOptions.Usage);
    return 2;
}

return await FailoverScenario.Run(options, Console.Out);
