using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Domain.Mnist1D;

namespace DigitForge.Application.Mnist1D;

/// <summary>
/// Generating MNIST-1D for a valid request, shared by the use cases that write a dataset or plot its first signals
/// (so that no handler calls another).
/// </summary>
public static class Mnist1DGeneration
{
    /// <summary>
    /// Reference mode generates the whole dataset now (NumPy's stream is sequential and the rows are shuffled at the end);
    /// keyed mode only prepares, and rows are generated in parallel as they are read, in bounded memory.
    /// <paramref name="progress"/> receives the number of samples generated so far.
    /// </summary>
    public static GeneratedMnist1D Generate(GenerateMnist1DRequest request, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Mode switch
        {
            Mnist1DMode.Keyed => GeneratedMnist1D.FromKeyed(new Mnist1DKeyedGenerator(request.Arguments), progress),
            _ => GeneratedMnist1D.FromDataset(Mnist1DGenerator.Generate(request.Arguments, Mnist1DMode.Reference, progress, cancellationToken)),
        };
    }

    /// <summary>
    /// The first signals of a dataset with their labels and <c>t</c> (<c>x</c>, then <c>x_test</c>), like the reference's
    /// figures. Keyed mode generates only those rows.
    /// </summary>
    public static Mnist1DSignals Signals(PlotMnist1DRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = request.Dataset.Arguments;
        int length = arguments.FinalSequenceLength;
        var values = new double[request.Count * length];
        var labels = new long[request.Count];
        if (request.Dataset.Mode == Mnist1DMode.Keyed)
        {
            // Random access: only the plotted rows are generated (train rows come first in keyed row order).
            var generator = new Mnist1DKeyedGenerator(arguments);
            generator.GenerateRows(0, values, labels, progress: null, cancellationToken);
            return new Mnist1DSignals(values, labels, generator.TimeAxis());
        }

        var generated = Generate(request.Dataset, progress: null, cancellationToken);
        int fromTrain = Math.Min(request.Count, generated.TrainCount);
        generated.ReadRows(Mnist1DSplit.Train, 0, values.AsMemory(0, fromTrain * length), cancellationToken);
        generated.ReadLabels(Mnist1DSplit.Train, 0, labels.AsSpan(0, fromTrain));
        generated.ReadRows(Mnist1DSplit.Test, 0, values.AsMemory(fromTrain * length), cancellationToken);
        generated.ReadLabels(Mnist1DSplit.Test, 0, labels.AsSpan(fromTrain));
        return new Mnist1DSignals(values, labels, generated.T.ToArray());
    }
}
