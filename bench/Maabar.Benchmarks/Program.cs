using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Maabar.Benchmarks -- --filter '*Mrz*'
BenchmarkSwitcher.FromAssembly(typeof(Maabar.Benchmarks.MrzBenchmarks).Assembly).Run(args);
