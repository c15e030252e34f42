using System.CommandLine;
using DigitForge.Cli;
using DigitForge.Cli.Commands;

var root = new RootCommand("DigitForge: MNIST-derived synthetic datasets, reproducible by seed.")
{
    SequenceCommand.Create(),
    Mnist1DCommand.Create(),
    DataCommand.Create(),
    RunsCommand.Create(),
    KeysCommand.Create(),
    DatasetCommand.Create(),
    TrainCommand.Create(),
    EngineCommand.Create(),
    CorruptionsCommand.Create(),
    CorruptionsCommand.CreateCompositions(),
    SpiralsCommand.Create(),
    MnistCCommand.Create(),
    ExperimentCommand.Create(),
    WorkerCommand.Create(),
    MorphoCommand.Create(),
};
root.Options.Add(CliOptions.DataDir);

var parse = root.Parse(args);
return parse.Errors.Count > 0 ? ParseErrors.Report(parse, Console.Error) : await parse.InvokeAsync();
