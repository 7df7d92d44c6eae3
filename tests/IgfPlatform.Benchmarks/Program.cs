using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/IgfPlatform.Benchmarks -- --filter '*'   (or infra/scripts/bench-floor.sh)
BenchmarkSwitcher.FromAssembly(typeof(IgfPlatform.Benchmarks.FloorScenario).Assembly).Run(args);
