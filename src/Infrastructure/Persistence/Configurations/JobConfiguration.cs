using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitForge.Infrastructure.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("Jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(TrackingLimits.RunIdLength).ValueGeneratedNever();
        builder.Property(j => j.Kind).HasMaxLength(TrackingLimits.MaxNameLength).IsRequired();
        builder.Property(j => j.Parameters).IsRequired();
        builder.Property(j => j.Device).HasMaxLength(16).IsRequired();
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.WorkerId).HasMaxLength(TrackingLimits.MaxNameLength);
        builder.Property(j => j.Error).HasMaxLength(Job.MaxErrorLength);
        builder.Ignore(j => j.IsTerminal);
        // The job is its run: deleting the run's experiment for good removes the job too.
        builder.HasOne<Run>().WithOne().HasForeignKey<Job>(j => j.Id).OnDelete(DeleteBehavior.Cascade);
        // The claim query: the oldest queued job.
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}
