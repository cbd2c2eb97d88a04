using BenchmarkDotNet.Attributes;
using Maabar.Names;

namespace Maabar.Benchmarks;

/// <summary>Name folding, the first step of every screening: a baseline for the matcher of issue 3.</summary>
[MemoryDiagnoser]
public class NameBenchmarks
{
    // \u0645\u062D\u0645\u062F \u0627\u0644\u0623\u0645\u064A\u0646 \u0628\u0646 \u0635\u0627\u0644\u062D: Mohamed al-Amin ben Salah, with a hamza seat.
    private readonly string arabic = "\u0645\u062D\u0645\u062F \u0627\u0644\u0623\u0645\u064A\u0646 \u0628\u0646 \u0635\u0627\u0644\u062D";
    private readonly string latin = "Mohamed Lamine Ben Salah";
    private readonly string latinDiacritics = "Ch\u00E9dli \u2018Abd al-Q\u00E2dir";

    private readonly string arabicWord = "\u0648\u0631\u062A\u0627\u0646\u064A"; // Wartani
    private readonly string latinWord = "Ouertani";

    [Benchmark]
    public double WordSimilarityCrossScript() => WordSimilarity.Score(arabicWord, latinWord);

    private readonly PreparedPerson listed = NameMatcher.Prepare(new PersonDescription("\u0627\u0644\u0634\u0627\u0630\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 \u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A", PartialBirthDate.Parse("1975"), PersonSex.Male));
    private readonly PreparedPerson traveller = NameMatcher.Prepare(new PersonDescription("Chedli Ben Omar Ouertani", PartialBirthDate.Parse("1975-04-02"), PersonSex.Male));

    [Benchmark]
    public NameMatch ComparePreparedCrossScript() => NameMatcher.ComparePrepared(traveller, listed);

    [Benchmark]
    public (double, MatchBand) ScorePreparedCrossScript() => NameMatcher.ScorePrepared(traveller, listed);

    [Benchmark]
    public string NormalizeArabic() => NameNormalizer.Normalize(arabic);

    [Benchmark]
    public string NormalizeLatin() => NameNormalizer.Normalize(latin);

    [Benchmark]
    public string NormalizeLatinWithDiacritics() => NameNormalizer.Normalize(latinDiacritics);
}
