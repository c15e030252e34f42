using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;

namespace DigitForge.UnitTests.Jobs;

public sealed class JobRulesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static Job Running(DateTimeOffset claimedAt)
    {
        var job = Job.Create(new string('a', 32), "classifier", "{}", "cpu", T0);
        job.Claim("worker-1", claimedAt);
        return job;
    }

    [Fact]
    public void A_running_job_is_orphaned_only_when_its_last_heartbeat_is_older_than_the_limit()
    {
        var job = Running(T0);
        job.Beat(T0.AddSeconds(10));

        Assert.False(JobRules.IsOrphaned(job, T0.AddSeconds(39), TimeSpan.FromSeconds(30)));
        Assert.True(JobRules.IsOrphaned(job, T0.AddSeconds(41), TimeSpan.FromSeconds(30)));
        Assert.Equal(T0.AddSeconds(10), JobRules.LastSeen(job));
    }

    [Fact]
    public void Queued_and_ended_jobs_are_never_orphaned()
    {
        var queued = Job.Create(new string('b', 32), "classifier", "{}", "cpu", T0);
        Assert.False(JobRules.IsOrphaned(queued, T0.AddDays(1), TimeSpan.FromSeconds(1)));

        var ended = Running(T0);
        ended.End(JobStatus.Finished, null, T0.AddSeconds(5));
        Assert.False(JobRules.IsOrphaned(ended, T0.AddDays(1), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Cancelling_a_queued_job_ends_it_at_once_but_a_running_one_only_asks()
    {
        var queued = Job.Create(new string('c', 32), "sweep", "{}", "cpu", T0);
        Assert.True(queued.RequestCancel(T0));
        Assert.Equal(JobStatus.Cancelled, queued.Status);
        Assert.NotNull(queued.EndedAt);

        var running = Running(T0);
        Assert.False(running.RequestCancel(T0));
        Assert.Equal(JobStatus.Running, running.Status);
        Assert.True(running.CancelRequested);

        Assert.False(queued.RequestCancel(T0)); // ended: nothing changes
    }

    [Fact]
    public void The_lifecycle_refuses_moves_out_of_an_ending_and_skipping_the_claim_to_finish()
    {
        var job = Job.Create(new string('d', 32), "classifier", "{}", "cpu", T0);
        Assert.Throws<TrackingConflictException>(() => job.End(JobStatus.Finished, null, T0));
        job.Claim("w", T0);
        job.End(JobStatus.Failed, new string('x', 10_000), T0);
        Assert.Equal(Job.MaxErrorLength, job.Error!.Length);
        Assert.Throws<TrackingConflictException>(() => job.Claim("w", T0));
        Assert.Throws<ArgumentException>(() => Running(T0).End(JobStatus.Running, null, T0));
    }

    [Theory]
    [InlineData(JobStatus.Queued, JobStatus.Running, true)]
    [InlineData(JobStatus.Queued, JobStatus.Cancelled, true)]
    [InlineData(JobStatus.Queued, JobStatus.Finished, false)]
    [InlineData(JobStatus.Running, JobStatus.Failed, true)]
    [InlineData(JobStatus.Finished, JobStatus.Running, false)]
    [InlineData(JobStatus.Failed, JobStatus.Cancelled, false)]
    public void Transitions_follow_the_run_lifecycle(JobStatus from, JobStatus to, bool allowed) =>
        Assert.Equal(allowed, JobRules.CanTransition(from, to));
}
