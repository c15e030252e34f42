using DigitForge.Web.Components.Tracking;

namespace DigitForge.ComponentTests;

public sealed class MetricGroupsTests
{
    [Theory]
    [InlineData("train/loss", "loss")]
    [InlineData("test/loss", "loss")]
    [InlineData("val_acc", "acc")]
    [InlineData("loss_train", "loss")]
    [InlineData("train/g_loss", "g_loss")]
    [InlineData("loss", "loss")]
    [InlineData("train", "train")]
    public void The_split_is_taken_off_a_metric_name(string key, string expected) =>
        Assert.Equal(expected, MetricGroups.BaseName(key));

    [Fact]
    public void Train_and_test_of_one_metric_share_a_chart_and_a_lone_metric_keeps_its_key()
    {
        var groups = MetricGroups.Group(["train/loss", "test/loss", "val/acc", "lr"]);

        Assert.Equal(["loss", "lr", "val/acc"], groups.Select(g => g.Name));
        Assert.Equal(["test/loss", "train/loss"], groups[0].Keys);
        Assert.Equal(["val/acc"], groups[2].Keys);
    }

    [Fact]
    public void Smoothing_is_a_debiased_moving_average_that_keeps_gaps()
    {
        var smoothed = MetricGroups.Smooth([1.0, 1.0, null, 3.0], 0.5);

        Assert.Equal(1.0, smoothed[0]!.Value, 9);
        Assert.Equal(1.0, smoothed[1]!.Value, 9);
        Assert.Null(smoothed[2]);
        // (0.5 * 0.75 + 0.5 * 3) / (1 - 0.125): the third value seen.
        Assert.Equal(((0.5 * 0.75) + 1.5) / 0.875, smoothed[3]!.Value, 9);
        Assert.Same(smoothed, smoothed); // sanity for the no-smoothing case below
        IReadOnlyList<double?> raw = [2.0, 4.0];
        Assert.Same(raw, MetricGroups.Smooth(raw, 0));
    }
}
