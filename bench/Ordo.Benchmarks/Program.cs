using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Ordo.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Ordo.Benchmarks.OrderBookBenchmarks).Assembly).Run(args);
