using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// Load generator for POST /api/v1/passages: every request a distinct traveller (own passport number, a valid
// ICAO 9303 TD3 zone) with its own Idempotency-Key. Bounded by --duration and --count, whichever comes first.
// Prints passages/s, p50, p99 and the answers counted by HTTP status. Run by bench/load.sh.
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Maabar.Load [--url http://127.0.0.1:5080] [--user tun.officer] [--password Maabar-demo-2026] "
        + "[--crossing TN-LY-RASJEDIR] [--lane CAR-IN-1] [--concurrency 8] [--duration 15] [--count 1000000] [--warmup 2] [--run-id X]");
    return 2;
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(60) };
string token = await TokenAsync(http, options);
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

// A prefix of its own per run, so that runs against one database never reuse a passport or a key.
string run = options.RunId ?? Convert36(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() % 46_656).PadLeft(3, '0');
long next = -1;
int expiryYear = TimeProvider.System.GetUtcNow().Year;

if (options.Warmup > 0)
{
    await RunAsync(TimeSpan.FromSeconds(options.Warmup), long.MaxValue, record: false);
}

(List<double> latencies, Dictionary<string, int> statuses, double elapsed) = await RunAsync(TimeSpan.FromSeconds(options.Duration), options.Count, record: true);
latencies.Sort();
int ok = statuses.GetValueOrDefault("201");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"concurrency={options.Concurrency} requests={latencies.Count} seconds={elapsed:F1} passages/s={ok / elapsed:F0} p50={Percentile(latencies, 0.50):F1}ms p99={Percentile(latencies, 0.99):F1}ms statuses={string.Join(',', statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}"));
return statuses.Keys.Any(k => k.StartsWith('5') || k == "error") ? 1 : 0;

async Task<(List<double>, Dictionary<string, int>, double)> RunAsync(TimeSpan duration, long count, bool record)
{
    var all = new List<double>();
    var counted = new Dictionary<string, int>(StringComparer.Ordinal);
    long sent = 0;
    var clock = Stopwatch.StartNew();
    async Task WorkerAsync()
    {
        var mine = new List<double>();
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        while (clock.Elapsed < duration && Interlocked.Increment(ref sent) <= count)
        {
            long n = Interlocked.Increment(ref next);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/passages")
            {
                Content = new StringContent(Passage(options, run, n, expiryYear), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", $"load-{run}-{n}");
            long started = Stopwatch.GetTimestamp();
            string status;
            try
            {
                using HttpResponseMessage response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                status = "error";
            }
            catch (TaskCanceledException)
            {
                status = "timeout";
            }

            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        lock (all)
        {
            all.AddRange(mine);
            foreach ((string key, int value) in statuses)
            {
                counted[key] = counted.GetValueOrDefault(key) + value;
            }
        }
    }

    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkerAsync)));
    double seconds = clock.Elapsed.TotalSeconds;
    return record ? (all, counted, seconds) : ([], [], seconds);
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<string> TokenAsync(HttpClient http, Options options)
{
    string body = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = options.User, ["password"] = options.Password });
    using HttpResponseMessage response = await http.PostAsync("api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return json.RootElement.GetProperty("accessToken").GetString()!;
}

static string Passage(Options options, string run, long n, int year0)
{
    // A name and a passport of their own: syllables picked from n, a number made of the run and n in base 36.
    string[] syllables = ["ba", "ka", "da", "fa", "ha", "ja", "la", "ma", "na", "ra", "sa", "ta", "wa", "za", "bi", "ki", "li", "mi", "ni", "ri", "su", "tu", "mu", "nu"];
    var given = new StringBuilder();
    var family = new StringBuilder();
    long x = n * 7919 + 13;
    for (int i = 0; i < 3; i++)
    {
        given.Append(syllables[(int)(x % syllables.Length)]);
        x /= syllables.Length;
    }

    for (int i = 0; i < 4; i++)
    {
        family.Append(syllables[(int)(x % syllables.Length)]);
        x /= syllables.Length;
    }

    string surname = family.ToString().ToUpperInvariant();
    string givenNames = given.ToString().ToUpperInvariant();
    string number = (run + Convert36(n).PadLeft(6, '0'))[..9];
    int year = 1950 + (int)(n % 50);
    string birth = string.Create(CultureInfo.InvariantCulture, $"{year % 100:D2}{n % 12 + 1:D2}{n % 28 + 1:D2}");
    string expiry = string.Create(CultureInfo.InvariantCulture, $"{(year0 + 5) % 100:D2}0615");
    char sex = n % 2 == 0 ? 'M' : 'F';
    string line1 = ("P<TUN" + surname + "<<" + givenNames).PadRight(44, '<');
    string optional = new('<', 14);
    string part = number + Check(number) + "TUN" + birth + Check(birth) + sex + expiry + Check(expiry) + optional + Check(optional);
    string composite = part[..10] + part[13..20] + part[21..43];
    string line2 = part + Check(composite);
    return JsonSerializer.Serialize(new
    {
        crossingId = options.Crossing,
        lane = options.Lane,
        direction = "entry",
        mrz = line1 + "\n" + line2,
    });
}

static string Convert36(long value)
{
    const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    var text = new StringBuilder();
    do
    {
        text.Insert(0, digits[(int)(value % 36)]);
        value /= 36;
    }
    while (value > 0);
    return text.ToString();
}

// ICAO 9303-3 §4.9: weights 7, 3, 1; digits as themselves, A–Z as 10–35, filler as 0.
static char Check(string field)
{
    int[] weights = [7, 3, 1];
    int sum = 0;
    for (int i = 0; i < field.Length; i++)
    {
        char c = field[i];
        int v = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 0;
        sum += v * weights[i % 3];
    }

    return (char)('0' + sum % 10);
}

internal sealed record Options(string Url, string User, string Password, string Crossing, string Lane, int Concurrency, int Duration, long Count, int Warmup, string? RunId)
{
    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            values.GetValueOrDefault("url", "http://127.0.0.1:5080/"),
            values.GetValueOrDefault("user", "tun.officer"),
            values.GetValueOrDefault("password", "Maabar-demo-2026"),
            values.GetValueOrDefault("crossing", "TN-LY-RASJEDIR"),
            values.GetValueOrDefault("lane", "CAR-IN-1"),
            Math.Clamp(Int("concurrency", 8), 1, 1024),
            Math.Clamp(Int("duration", 15), 1, 600),
            values.TryGetValue("count", out string? c) ? long.Parse(c, CultureInfo.InvariantCulture) : 1_000_000,
            Math.Clamp(Int("warmup", 2), 0, 60),
            values.GetValueOrDefault("run-id"));
    }
}
