namespace Maabar.Domain;

/// <summary>One problem with a piece of input: a stable code (see <see cref="ErrorCodes"/>) and the field it concerns.</summary>
/// <param name="Code">Stable, machine-readable code such as <c>identity.birth_date.in_future</c>.</param>
/// <param name="Field">The input field, in the API's camelCase (e.g. <c>identity.birthDate</c>).</param>
public sealed record ValidationError(string Code, string Field);
