namespace Maabar.Server.Pages.Passages;

/// <summary>One text input of the passage form: name, label, value, its error and text direction.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, string? Error, string Direction, string TestId, string? Hint = null);
