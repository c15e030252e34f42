namespace DigitForge.Infrastructure.Persistence;

/// <summary>
/// One element of ASP.NET Core's data-protection key ring (the XML the framework writes), kept in the tracking
/// database so that every API replica reads the same ring: a cookie or antiforgery token issued by one is accepted by
/// all. Not a Domain type: it is the framework's storage, opaque to the product.
/// </summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }

    /// <summary>The name the framework gives the element (<c>key-&lt;guid&gt;</c>); unique.</summary>
    public required string FriendlyName { get; set; }

    public required string Xml { get; set; }
}
