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
        var rings = new Dictionary<string, List<List<(double Lat, double Lon)>>>(StringComparer.Ordinal);
        foreach (JsonElement feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            string code = feature.GetProperty("properties").GetProperty("iso_a3").GetString()!;
            rings[code] = [.. feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray()
                .SelectMany(polygon => polygon.EnumerateArray())
                .Select(ring => ring.EnumerateArray().Select(p => (p[1].GetDouble(), p[0].GetDouble())).ToList())];
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

            countries.Add((code, path.ToString()));
        }

        Countries = countries;
        CommonBorder = SharedBoundary(rings.GetValueOrDefault("TUN") ?? [], rings.GetValueOrDefault("LBY") ?? []);
    }

    /// <summary>The Tunisia-Libya boundary, north to south: the longest run of Tunisia's outline on Libya's.</summary>
    public IReadOnlyList<(double Lat, double Lon)> CommonBorder { get; }

    /// <summary>The SVG path of a sector's stretch of the common border (empty when the data has none).</summary>
    /// <param name="sector">The sector.</param>
    public string SectorPath(Maabar.Domain.BorderSector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        var path = new StringBuilder();
        foreach ((double lat, double lon) in CommonBorder.Where(p => p.Lat >= sector.SouthLatitude - 0.02 && p.Lat <= sector.NorthLatitude + 0.02))
        {
            (double x, double y) = Project(lat, lon);
            path.Append(path.Length == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
        }

        return path.ToString();
    }

    /// <summary>The middle of a sector's stretch of the border (drawing units), where its label and its incidents without coordinates go.</summary>
    /// <param name="sector">The sector.</param>
    public (double X, double Y)? SectorMiddle(Maabar.Domain.BorderSector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        (double Lat, double Lon)[] points = [.. CommonBorder.Where(p => sector.Contains(p.Lat))];
        return points.Length == 0 ? null : Project(points[points.Length / 2].Lat, points[points.Length / 2].Lon);
    }

    private static List<(double Lat, double Lon)> SharedBoundary(List<List<(double Lat, double Lon)>> a, List<List<(double Lat, double Lon)>> b)
    {
        // Natural Earth's countries share their boundary's vertices exactly.
        var other = new HashSet<(double, double)>(b.SelectMany(r => r));
        List<(double Lat, double Lon)> best = [];
        foreach (List<(double Lat, double Lon)> ring in a)
        {
            var run = new List<(double Lat, double Lon)>();
            foreach ((double Lat, double Lon) point in ring.Concat(ring))
            {
                if (other.Contains(point) && run.Count < ring.Count)
                {
                    run.Add(point);
                    if (run.Count > best.Count)
                    {
                        best = [.. run];
                    }
                }
                else
                {
                    run.Clear();
                }
            }
        }

        return best.Count > 1 && best[0].Lat < best[^1].Lat ? [.. Enumerable.Reverse(best)] : best;
    }

    /// <summary>The drawing's height in the same units.</summary>
    public double Height { get; }

    /// <summary>Each country's alpha-3 code and SVG path.</summary>
    public IReadOnlyList<(string Code, string Path)> Countries { get; }

    /// <summary>A WGS 84 position in drawing units.</summary>
    public (double X, double Y) Project(double latitude, double longitude) =>
        ((longitude - lonMin) * cosLat * scale, (latMax - latitude) * scale);
}
