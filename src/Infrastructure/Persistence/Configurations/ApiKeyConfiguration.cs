using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitForge.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedOnAdd();
        builder.Property(k => k.Name).HasMaxLength(TrackingLimits.MaxNameLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.Hash).IsUnique();
        // Stored as names ("read,write") so that a person reading the table sees what a key may do.
        builder.Property(k => k.Scopes)
               .HasConversion(s => ApiScopeRules.Format(s), s => ApiScopeRules.ParseStored(s))
               .HasMaxLength(64)
               .IsRequired();
        builder.Ignore(k => k.IsRevoked);
    }
}
