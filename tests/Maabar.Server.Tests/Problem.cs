using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Maabar.Server.Tests;

/// <summary>Reads a ProblemDetails response: status, stable code, field errors.</summary>
public sealed record Problem(HttpStatusCode Status, string? Code, string? Title, IReadOnlyList<(string Field, string Code)> Errors, string? MediaType)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = new List<(string, string)>();
        if (body.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            errors.AddRange(list.EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!)));
        }

        return new Problem(
            response.StatusCode,
            body.TryGetProperty("code", out JsonElement code) ? code.GetString() : null,
            body.TryGetProperty("title", out JsonElement title) ? title.GetString() : null,
            errors,
            response.Content.Headers.ContentType?.MediaType);
    }
}
