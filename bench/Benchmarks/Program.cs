using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "mnist-c")
{
    DigitForge.Benchmarks.MnistCThroughput.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "mnist-c-dump")
{
    DigitForge.Benchmarks.MnistCThroughput.Dump(args);
    return;
}

if (args.Length > 0 && args[0] == "compositional-eval")
{
    DigitForge.Benchmarks.CompositionalEvalTiming.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "gasten-fid")
{
    DigitForge.Benchmarks.GastenFidTiming.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "compositional-step")
{
    DigitForge.Benchmarks.CompositionalStepTiming.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "backbone-step")
{
    DigitForge.Benchmarks.BackboneStepTiming.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "morpho-profile")
{
    DigitForge.Benchmarks.MorphoProfile.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
