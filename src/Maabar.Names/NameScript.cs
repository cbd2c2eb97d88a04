namespace Maabar.Names;

/// <summary>The writing system a name is written in, as far as its letters tell.</summary>
public enum NameScript
{
    /// <summary>No letters at all (empty, digits or punctuation only).</summary>
    None = 0,

    /// <summary>Only Latin letters (with or without diacritics).</summary>
    Latin = 1,

    /// <summary>Only Arabic-script letters (Arabic, Persian, Urdu, Maghrebi additions).</summary>
    Arabic = 2,

    /// <summary>Latin and Arabic letters together.</summary>
    Mixed = 3,

    /// <summary>Letters of another script (Cyrillic, Han...), possibly with Latin or Arabic.</summary>
    Other = 4,
}
