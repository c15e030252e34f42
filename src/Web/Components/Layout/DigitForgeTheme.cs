using MudBlazor;

namespace DigitForge.Web.Components.Layout;

/// <summary>The app's MudBlazor theme and the cookie that keeps a person's light/dark choice (set by app.js).</summary>
public static class DigitForgeTheme
{
    public const string Cookie = "digitforge-theme";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2563eb",
            Secondary = "#d97706",
            AppbarBackground = "#1f2937",
            Background = "#f9fafb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#60a5fa",
            Secondary = "#fbbf24",
            AppbarBackground = "#111827",
        },
    };
}
