using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Maabar.Server.Infrastructure;

/// <summary>
/// The border region's countries (Natural Earth, see GeoData/README.md) as SVG paths, projected once at
/// start: equirectangular, longitudes scaled by the cosine of the region's middle latitude, 1000 units wide.
/// Drawn on the server: the map needs no tiles, no script and no internet.
/// </summary>
public sealed class BorderMap
{
    public const double Width = 1000;

    private readonly double lonMin;
    private readonly double latMax;
    private readonly double scale;
    private readonly double cosLat;

    public BorderMap()
    {
        using Stream stream = typeof(BorderMap).Assembly.GetManifestResourceStream("Maabar.Server.GeoData.border-region.geojson")
            ?? throw new InvalidOperationException("The border map data is not embedded.");
        using JsonDocument doc = JsonDocument.Parse(stream);
        double[] bbox = [.. doc.RootElement.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble())];
        lonMin = bbox[0];
        latMax = bbox[3];
        cosLat = Math.Cos((bbox[1] + bbox[3]) / 2 * Math.PI / 180);
        scale = Width / ((bbox[2] - bbox[0]) * cosLat);
        Height = (bbox[3] - bbox[1]) * scale;
        var countries = new List<(string Code, string Path)>();
        foreach (JsonElement feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var path = new StringBuilder();
            foreach (JsonElement polygon in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                foreach (JsonElement ring in polygon.EnumerateArray())
                {
                    bool first = true;
                    foreach (JsonElement point in ring.EnumerateArray())
                    {
                        (double x, double y) = Project(point[1].GetDouble(), point[0].GetDouble());
                        path.Append(first ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
                        first = false;
                    }

                    path.Append('Z');
                }
            }

            countries.Add((feature.GetProperty("properties").GetProperty("iso_a3").GetString()!, path.ToString()));
        }

        Countries = countries;
    }

    /// <summary>The drawing's height in the same units.</summary>
    public double Height { get; }

    /// <summary>Each country's alpha-3 code and SVG path.</summary>
    public IReadOnlyList<(string Code, string Path)> Countries { get; }

    /// <summary>A WGS 84 position in drawing units.</summary>
    public (double X, double Y) Project(double latitude, double longitude) =>
        ((longitude - lonMin) * cosLat * scale, (latMax - latitude) * scale);
}
