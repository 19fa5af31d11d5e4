using System.Globalization;
using System.Text;

namespace AiMemory.Benchmarks.Growth;

/// <summary>
/// A line chart with logarithmic axes, written as SVG markup: one gridline and label per power of ten, light
/// gridlines at 2 to 9 times each power, one polyline with markers per series, and a legend to the right.
/// </summary>
internal sealed class LogLogChart(string title, string xAxisLabel, string yAxisLabel)
{
    // An estimate of the width of one character at font-size 13, used to fit the legend.
    private const double CharacterWidth = 7.5;
    private const double Height = 500;
    private const double PlotLeft = 80;
    private const double PlotTop = 50;
    private const double PlotWidth = 520;
    private const double PlotHeight = 380;
    private const double LegendLeft = PlotLeft + PlotWidth + 30;

    private readonly List<ChartSeries> _series = [];

    /// <summary>Formats an x value as a tick label. The default is the plain number.</summary>
    public Func<double, string> FormatX { get; init; } = value => value.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Formats a y value as a tick label. The default is the plain number.</summary>
    public Func<double, string> FormatY { get; init; } = value => value.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Adds a line. Points with a coordinate of zero or less cannot be placed on a log axis and are left out.</summary>
    public void AddSeries(string label, string color, bool dashed, char marker, IEnumerable<(double X, double Y)> points) =>
        _series.Add(new ChartSeries(label, color, dashed, marker, points.Where(point => point.X > 0 && point.Y > 0).ToList()));

    /// <summary>The powers of ten that bound the x axis, such as (3, 6) for 1,000 to 1,000,000.</summary>
    public (int Low, int High) XDecades => Decades(_series.SelectMany(series => series.Points).Select(point => point.X));

    /// <summary>The powers of ten that bound the y axis.</summary>
    public (int Low, int High) YDecades => Decades(_series.SelectMany(series => series.Points).Select(point => point.Y));

    /// <summary>Returns the horizontal SVG coordinate of <paramref name="x"/>.</summary>
    public double ToSvgX(double x)
    {
        var (low, high) = XDecades;
        return PlotLeft + (Math.Log10(x) - low) / (high - low) * PlotWidth;
    }

    /// <summary>Returns the vertical SVG coordinate of <paramref name="y"/>, where larger values are higher up.</summary>
    public double ToSvgY(double y)
    {
        var (low, high) = YDecades;
        return PlotTop + PlotHeight - (Math.Log10(y) - low) / (high - low) * PlotHeight;
    }

    /// <summary>Returns the whole chart as a standalone SVG document.</summary>
    public string ToSvg()
    {
        if (_series.All(series => series.Points.Count == 0))
        {
            throw new InvalidOperationException("The chart has no point with positive coordinates to draw.");
        }

        var longestLabel = _series.Max(series => series.Label.Length);
        var width = Math.Ceiling(LegendLeft + 46 + longestLabel * CharacterWidth + 20);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{Height}" viewBox="0 0 {width} {Height}" font-family="sans-serif" font-size="13">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{Height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{PlotLeft + PlotWidth / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">{Escape(title)}</text>""").Append('\n');

        AppendXAxis(svg);
        AppendYAxis(svg);
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{PlotLeft}" y="{PlotTop}" width="{PlotWidth}" height="{PlotHeight}" fill="none" stroke="black"/>""").Append('\n');

        foreach (var series in _series.Where(series => series.Points.Count > 0))
        {
            AppendSeries(svg, series);
        }

        AppendLegend(svg);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private void AppendXAxis(StringBuilder svg)
    {
        var (low, high) = XDecades;
        for (var power = low; power <= high; power++)
        {
            var value = Math.Pow(10, power);
            var x = Round(ToSvgX(value));
            AppendLine(svg, x, PlotTop, x, PlotTop + PlotHeight, "#bbbbbb");
            AppendLine(svg, x, PlotTop + PlotHeight, x, PlotTop + PlotHeight + 6, "black");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{PlotTop + PlotHeight + 22}" text-anchor="middle">{Escape(FormatX(value))}</text>""").Append('\n');
            for (var factor = 2; factor <= 9 && power < high; factor++)
            {
                var minor = Round(ToSvgX(factor * value));
                AppendLine(svg, minor, PlotTop, minor, PlotTop + PlotHeight, "#eeeeee");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{PlotLeft + PlotWidth / 2}" y="{PlotTop + PlotHeight + 46}" text-anchor="middle">{Escape(xAxisLabel)}</text>""").Append('\n');
    }

    private void AppendYAxis(StringBuilder svg)
    {
        var (low, high) = YDecades;
        for (var power = low; power <= high; power++)
        {
            var value = Math.Pow(10, power);
            var y = Round(ToSvgY(value));
            AppendLine(svg, PlotLeft, y, PlotLeft + PlotWidth, y, "#bbbbbb");
            AppendLine(svg, PlotLeft - 6, y, PlotLeft, y, "black");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{PlotLeft - 10}" y="{y + 4}" text-anchor="end">{Escape(FormatY(value))}</text>""").Append('\n');
            for (var factor = 2; factor <= 9 && power < high; factor++)
            {
                var minor = Round(ToSvgY(factor * value));
                AppendLine(svg, PlotLeft, minor, PlotLeft + PlotWidth, minor, "#eeeeee");
            }
        }

        var middle = PlotTop + PlotHeight / 2;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="20" y="{middle}" text-anchor="middle" transform="rotate(-90 20 {middle})">{Escape(yAxisLabel)}</text>""").Append('\n');
    }

    private void AppendSeries(StringBuilder svg, ChartSeries series)
    {
        var points = series.Points.OrderBy(point => point.X).Select(point => (X: Round(ToSvgX(point.X)), Y: Round(ToSvgY(point.Y)))).ToList();
        var coordinates = string.Join(' ', points.Select(point => string.Create(CultureInfo.InvariantCulture, $"{point.X},{point.Y}")));
        var dash = series.Dashed ? """ stroke-dasharray="7 4" """ : " ";
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{coordinates}" fill="none" stroke="{series.Color}" stroke-width="2"{dash}/>""").Append('\n');
        foreach (var (x, y) in points)
        {
            AppendMarker(svg, series, x, y);
        }
    }

    private void AppendLegend(StringBuilder svg)
    {
        var y = PlotTop + 10;
        foreach (var series in _series)
        {
            var dash = series.Dashed ? """ stroke-dasharray="7 4" """ : " ";
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{LegendLeft}" y1="{y}" x2="{LegendLeft + 36}" y2="{y}" stroke="{series.Color}" stroke-width="2"{dash}/>""").Append('\n');
            AppendMarker(svg, series, LegendLeft + 18, y);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LegendLeft + 46}" y="{y + 4}">{Escape(series.Label)}</text>""").Append('\n');
            y += 24;
        }
    }

    private static void AppendMarker(StringBuilder svg, ChartSeries series, double x, double y)
    {
        if (series.Marker == 's')
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="white" stroke="{series.Color}" stroke-width="2"/>""").Append('\n');
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{x}" cy="{y}" r="4" fill="{series.Color}"/>""").Append('\n');
        }
    }

    private static void AppendLine(StringBuilder svg, double x1, double y1, double x2, double y2, string color) =>
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}"/>""").Append('\n');

    /// <summary>Returns the whole powers of ten just below the smallest value and just above the largest one.</summary>
    private static (int Low, int High) Decades(IEnumerable<double> values)
    {
        var logs = values.Select(Math.Log10).ToList();
        if (logs.Count == 0)
        {
            return (0, 1);
        }

        var low = (int)Math.Floor(logs.Min());
        var high = (int)Math.Ceiling(logs.Max());
        return (low, Math.Max(high, low + 1));
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private sealed record ChartSeries(string Label, string Color, bool Dashed, char Marker, List<(double X, double Y)> Points);
}
