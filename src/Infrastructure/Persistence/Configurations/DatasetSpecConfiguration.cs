using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitForge.Infrastructure.Persistence.Configurations;

internal sealed class DatasetSpecConfiguration : IEntityTypeConfiguration<DatasetSpecRow>
{
    public void Configure(EntityTypeBuilder<DatasetSpecRow> builder)
    {
        builder.ToTable("DatasetSpecs");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.CanonicalSpec).IsRequired();
        builder.HasIndex(d => d.CreatedAt);
    }
}
