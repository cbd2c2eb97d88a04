using Maabar.Core;
using Maabar.Core.Features.Crossings;

namespace Maabar.Server.Infrastructure;

/// <summary>
/// The crossings of the actor's agency by id, named in the page's language: pages show a crossing's name, never its
/// code (an unknown id is shown as it is). Read once per request.
/// </summary>
public sealed class CrossingNames(ListCrossings crossings)
{
    private Dictionary<string, string>? names;

    /// <summary>Reads the names (once per request).</summary>
    /// <param name="actor">The signed-in user.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (names is null)
        {
            names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CrossingView c in await crossings.HandleAsync(actor, cancellationToken))
            {
                names[c.Id] = c.NameIn(Display.Language);
            }
        }

        return names;
    }

    /// <summary>A crossing's name once <see cref="LoadAsync"/> has run; the id itself when unknown.</summary>
    /// <param name="id">The crossing's id.</param>
    public string this[string id] => names?.GetValueOrDefault(id) ?? id;
}
