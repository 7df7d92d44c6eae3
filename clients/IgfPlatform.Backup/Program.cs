using IgfPlatform.Backup;

// dotnet run --project clients/IgfPlatform.Backup -- backup  --storage <connection-string> --out <folder>
// dotnet run --project clients/IgfPlatform.Backup -- restore --storage <connection-string> --from <folder> [--into-non-empty]
// Without --storage, the connection string comes from ConnectionStrings__Storage (as for the server),
// so that it need not be on a command line. Exit code 0: done; 1: refused or failed; 2: wrong use.
const string Usage = """
    Usage:
      IgfPlatform.Backup backup  [--storage <connection-string>] --out <folder>
      IgfPlatform.Backup restore [--storage <connection-string>] --from <folder> [--into-non-empty]
      IgfPlatform.Backup verify  --from <folder>
    """;

if (args.Length == 0)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

var storage = Option("--storage") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Storage");
try
{
    switch (args[0])
    {
        case "backup" when storage is not null && Option("--out") is { } output:
        {
            var manifest = await StorageBackup.BackupAsync(storage, output);
            Console.WriteLine($"Backed up {manifest.Tables.Sum(t => t.Entities)} entities of {manifest.Tables.Count} tables and "
                + $"{manifest.Containers.Sum(c => c.Blobs.Count)} blobs of {manifest.Containers.Count} containers to {output}.");
            return 0;
        }

        case "restore" when storage is not null && Option("--from") is { } input:
        {
            var manifest = await StorageBackup.RestoreAsync(storage, input, args.Contains("--into-non-empty"));
            Console.WriteLine($"Restored {manifest.Tables.Sum(t => t.Entities)} entities and {manifest.Containers.Sum(c => c.Blobs.Count)} blobs "
                + $"(backup of {manifest.CreatedAt:u}).");
            return 0;
        }

        case "verify" when Option("--from") is { } input:
        {
            var manifest = await StorageBackup.VerifyAsync(input);
            Console.WriteLine($"The backup of {manifest.CreatedAt:u} is whole: every file matches its SHA-256.");
            return 0;
        }

        default:
            await Console.Error.WriteLineAsync(Usage);
            return 2;
    }
}
catch (Exception ex) when (ex is NotEmptyException or DamagedBackupException or Azure.RequestFailedException or IOException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
