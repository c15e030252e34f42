using System.Text.Json;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Web.Components.Tracking;

namespace DigitForge.ComponentTests;

public sealed class JobProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Progress_is_the_latest_step_of_the_steps_asked_for_and_the_time_left_extrapolates()
    {
        var job = Job("RUNNING", """{"steps": 100}""");
        var progress = JobProgress.Estimate(job, RunAtStep(25), Start.AddSeconds(10))!;

        Assert.Equal(25, progress.Done);
        Assert.Equal(100, progress.Total);
        Assert.Equal(0.25, progress.Fraction, 9);
        Assert.Equal(TimeSpan.FromSeconds(30), progress.Remaining);
        Assert.Equal("about 30s left", progress.RemainingText);
    }

    [Fact]
    public void Epochs_count_too_a_finished_job_is_complete_and_a_job_without_a_length_has_none()
    {
        Assert.Equal(1.0, JobProgress.Estimate(Job("FINISHED", """{"epochs": 3}"""), RunAtStep(2), Start)!.Fraction);
        Assert.Null(JobProgress.Estimate(Job("RUNNING", """{"models": "mlp"}"""), RunAtStep(2), Start));

        // Epochs asked for but metrics logged per update (step 23 of 6 epochs): no total is known, so no bar.
        Assert.Null(JobProgress.Estimate(Job("RUNNING", """{"epochs": 6, "steps": 6000}"""), RunAtStep(23), Start));
    }

    [Fact]
    public void A_sweep_counts_its_ended_points_whatever_its_epochs_say()
    {
        // 3 of 12 points ended after 60 s: 180 s left; the grid's "epochs" (per point) play no part.
        var progress = JobProgress.Points(Job("RUNNING", """{"epochs": 100}"""), 3, 12, Start.AddSeconds(60));
        Assert.Equal((3, 12), (progress.Done, progress.Total));
        Assert.Equal(TimeSpan.FromSeconds(180), progress.Remaining);
        Assert.Null(JobProgress.Points(Job("RUNNING", "{}"), 0, 12, Start.AddSeconds(60)).Remaining);
        Assert.Equal(1.0, JobProgress.Points(Job("FINISHED", "{}"), 11, 12, Start).Fraction);
    }

    private static JobDto Job(string status, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        var values = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return new JobDto("j1", "j1", "classifier", status, "cpu", values, Start, Start, null, null, null, false, null);
    }

    private static RunDto RunAtStep(long step) => new(
        "j1", 1, "run", "RUNNING", Start, Start, null, null, null, null,
        new Dictionary<string, string>(), new Dictionary<string, string>(),
        new Dictionary<string, MetricSummaryDto> { ["train/loss"] = new(0.5, step, 0, 0.5, 1, step + 1) });
}
