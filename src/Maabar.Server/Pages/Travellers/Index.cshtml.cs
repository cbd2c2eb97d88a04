using Maabar.Core.Features.Travellers;
using Maabar.Domain;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maabar.Server.Pages.Travellers;

/// <summary>Traveller search (name through the screening matcher, date of birth, document number), for the lane's and the desk's staff.</summary>
public sealed class IndexModel(SearchTravellers search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? BirthDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? DocumentNumber { get; set; }

    /// <summary>Null until a search was made.</summary>
    public TravellerSearchOutcome? Outcome { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(BirthDate) && string.IsNullOrWhiteSpace(DocumentNumber) && !Request.Query.ContainsKey("search"))
        {
            return;
        }

        Outcome = await search.HandleAsync(User.ToActor(), new TravellerSearch(Name, BirthDate, DocumentNumber), ct);
    }

    public IReadOnlyList<ValidationError> Errors => Outcome is TravellerSearchOutcome.Invalid invalid ? invalid.Errors : [];
}
