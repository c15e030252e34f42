using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitForge.IntegrationTests.Data;

public sealed class IdxDigitSourceTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private string MnistDirectory => Path.Combine(_data.Path, KnownSources.Mnist);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Loads_a_split_once_and_shares_it()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        IdxDigitSource source = Source();

        LabeledImages first = await source.GetAsync("mnist", DataSplit.Train);
        LabeledImages second = await source.GetAsync("MNIST", DataSplit.Train);
        LabeledImages test = await source.GetAsync("mnist", DataSplit.Test);

        Assert.Same(first, second);
        Assert.NotSame(first, test);
        Assert.Equal(20, first.Count);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_load()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        IdxDigitSource source = Source();

        LabeledImages[] results = await Task.WhenAll(
            Enumerable.Range(0, 16).Select(_ => Task.Run(() => source.GetAsync("mnist", DataSplit.Train).AsTask())));

        Assert.All(results, result => Assert.Same(results[0], result));
    }

    [Fact]
    public async Task Reloads_replaced_files_at_once_after_invalidate()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        IdxDigitSource source = Source();
        LabeledImages before = await source.GetAsync("mnist", DataSplit.Train);

        await TestDataWriter.WriteAsync(MnistDirectory, count: 30);
        LabeledImages stillCached = await source.GetAsync("mnist", DataSplit.Train);
        source.Invalidate();
        LabeledImages after = await source.GetAsync("mnist", DataSplit.Train);

        Assert.Same(before, stillCached);
        Assert.Equal((20, 30), (before.Count, after.Count));
    }

    [Fact]
    public async Task Notices_replaced_files_within_a_second()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        IdxDigitSource source = Source();
        await source.GetAsync("mnist", DataSplit.Train);

        await TestDataWriter.WriteAsync(MnistDirectory, count: 30);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        Assert.Equal(30, (await source.GetAsync("mnist", DataSplit.Train)).Count);
    }

    [Fact]
    public async Task Unchanged_files_are_not_reloaded_after_the_recheck()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        IdxDigitSource source = Source();
        LabeledImages before = await source.GetAsync("mnist", DataSplit.Train);

        source.Invalidate();

        Assert.Same(before, await source.GetAsync("mnist", DataSplit.Train));
    }

    [Fact]
    public async Task Missing_files_say_where_it_looked_and_how_to_get_the_data()
    {
        IdxDigitSource source = Source();

        var error = await Assert.ThrowsAsync<DataSourceUnavailableException>(() => source.GetAsync("mnist", DataSplit.Train).AsTask());

        Assert.Contains(MnistDirectory, error.Message, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte and train-labels-idx1-ubyte not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("`digitforge data download`", error.Message, StringComparison.Ordinal);
        Assert.Contains("`digitforge data import PATH`", error.Message, StringComparison.Ordinal);
        Assert.Contains("DIGITFORGE_DATA_DIR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fashion_mnist_names_its_own_commands()
    {
        await TestDataWriter.WriteAsync(MnistDirectory);

        var error = await Assert.ThrowsAsync<DataSourceUnavailableException>(
            () => Source().GetAsync("fashion-mnist", DataSplit.Test).AsTask());

        Assert.StartsWith("Fashion-MNIST test data is not available", error.Message, StringComparison.Ordinal);
        Assert.Contains("--source fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            Directory.Exists(DataImporter.DebianFashionMnistDirectory) ? "digitforge data import /usr/share/datasets/fashion-mnist" : "digitforge data import PATH",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_source_is_an_argument_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Source().GetAsync("emnist", DataSplit.Train).AsTask());

        Assert.Contains("'emnist'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_files_fail_naming_the_file_and_the_failure_is_not_cached()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, headersOnly: true);
        IdxDigitSource source = Source();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => source.GetAsync("mnist", DataSplit.Train).AsTask());
        Assert.Contains(MnistDirectory, error.Message, StringComparison.Ordinal);

        await TestDataWriter.WriteAsync(MnistDirectory);
        Assert.Equal(20, (await source.GetAsync("mnist", DataSplit.Train)).Count);
    }

    [Fact]
    public async Task Gzip_files_in_the_data_directory_are_read_too()
    {
        Directory.CreateDirectory(MnistDirectory);
        await File.WriteAllBytesAsync(Path.Combine(MnistDirectory, "t10k-images-idx3-ubyte.gz"), IdxFixtures.Gzip(IdxFixtures.Images(7)));
        await File.WriteAllBytesAsync(Path.Combine(MnistDirectory, "t10k-labels-idx1-ubyte.gz"), IdxFixtures.Gzip(IdxFixtures.Labels(7)));

        Assert.Equal(7, (await Source().GetAsync("mnist", DataSplit.Test)).Count);
    }

    [Fact]
    public async Task Cancelled_caller_stops_waiting()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);
        // The load waits for the test's word, so it is certainly still running while one caller gives up.
        var loadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IdxDigitSource source = Source(beforeLoad: async () =>
        {
            loadStarted.TrySetResult();
            await finishLoad.Task;
        });
        using var cancellation = new CancellationTokenSource();

        Task<LabeledImages> givesUp = source.GetAsync("mnist", DataSplit.Train, cancellation.Token).AsTask();
        Task<LabeledImages> waits = source.GetAsync("mnist", DataSplit.Train).AsTask();
        await loadStarted.Task.WaitAsync(HangGuard);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givesUp.WaitAsync(HangGuard));
        Assert.False(waits.IsCompleted);
        finishLoad.SetResult();
        Assert.Equal(20, (await waits.WaitAsync(HangGuard)).Count);
    }

    [Fact]
    public async Task Caller_cancelled_before_the_call_gets_no_data_even_when_the_split_is_loaded()
    {
        await TestDataWriter.WriteAsync(MnistDirectory);
        IdxDigitSource source = Source();
        await source.GetAsync("mnist", DataSplit.Train);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.GetAsync("mnist", DataSplit.Train, cancelled.Token).AsTask());
    }

    [Fact]
    public async Task Status_lists_every_known_source_and_split()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, count: 20);

        IReadOnlyList<DataSourceStatus> status = Source().Status();

        Assert.Equal(
            [
                ("mnist", DataSplit.Train), ("mnist", DataSplit.Test), ("fashion-mnist", DataSplit.Train), ("fashion-mnist", DataSplit.Test),
                ("emnist-balanced", DataSplit.Train), ("emnist-balanced", DataSplit.Test), ("cifar10", DataSplit.Train), ("cifar10", DataSplit.Test),
                ("facescrub", DataSplit.Train), ("facescrub", DataSplit.Test),
            ],
            status.Select(s => (s.Source, s.Split)));
        DataSourceStatus mnistTrain = status[0];
        Assert.True(mnistTrain.Available);
        Assert.Equal(20, mnistTrain.Count);
        Assert.StartsWith("test data (20 images per split), ", mnistTrain.Origin, StringComparison.Ordinal);
        Assert.EndsWith(" UTC", mnistTrain.Origin, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(MnistDirectory, IdxFileNames.TrainImages), mnistTrain.Path);
        Assert.False(status[2].Available);
        Assert.Null(status[2].Count);
        Assert.Null(status[2].Origin);
    }

    [Fact]
    public async Task Status_reports_corrupt_files_as_unavailable()
    {
        await TestDataWriter.WriteAsync(MnistDirectory, headersOnly: true);

        Assert.All(Source().Status(), s => Assert.False(s.Available));
    }

    // Only so that a broken test fails instead of hanging the run; the tests never wait on time for their outcome.
    private static TimeSpan HangGuard => TimeSpan.FromMinutes(2);

    private IdxDigitSource Source(Func<Task>? beforeLoad = null) =>
        new(Options.Create(new DataDirectoryOptions { DataDir = _data.Path }), NullLogger<IdxDigitSource>.Instance) { BeforeLoad = beforeLoad };
}
