namespace Maabar.Server;

/// <summary>Marker for the shared display strings in Resources/SharedResource.{ar,fr,en}.resx.</summary>
public sealed class SharedResource
{
}
