using Maabar.Tests;
using Xunit.Abstractions;

namespace Maabar.Names.Tests;

/// <summary>
/// Issue 3's background-population target: ordinary travellers screened against a list of 1,000
/// Arabic-script names must almost never alert (at most 0.1 % of travellers) once date of birth and sex are
/// known. The list is the first 1,000 Arabic-script people of background-population-global.csv (with their
/// dates of birth and sex); the travellers are the first 15,000 other people, in every script.
/// </summary>
public sealed class BackgroundPopulationTests(ITestOutputHelper output)
{
    [Fact]
    public void OrdinaryTravellers_AgainstAThousandArabicNames_AlertAtMostOneInAThousand()
    {
        var rows = File.ReadLines(RepositoryPaths.SharedData("names/background-population-global.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length >= 8 && f[0].Length > 0)
            .Select(f => (Name: f[0], Sex: f[4] switch { "male" => PersonSex.Male, "female" => PersonSex.Female, _ => PersonSex.Unknown }, BirthDate: PartialBirthDate.ParseOrNull(f[5])))
            .ToList();
        var listed = rows.Where(r => NameNormalizer.DetectScript(r.Name) == NameScript.Arabic).Take(1000).ToList();
        var listedNames = listed.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var travellers = rows.Where(r => !listedNames.Contains(r.Name)).Take(15_000).ToList();
        // Weighed three ways: by the lexicon alone, by the shipped corpus counts, and by those and the list's own counts.
        NameFrequencies learned = NameFrequencies.Default.LearnFrom(listed.Select(r => r.Name));
        var rates = new Dictionary<string, (int WithAttributes, int OnName)>();
        foreach ((string label, NameFrequencies model) in new[] { ("lexicon only", NameFrequencies.LexiconOnly), ("corpus", NameFrequencies.Default), ("corpus and list", learned) })
        {
            using NameIndex index = NameIndex.Build(listed.Select((r, i) => new IndexedIdentity("L" + i, new PersonDescription(r.Name, r.BirthDate, r.Sex), [])), frequencies: model);
            int alertedWithAttributes = travellers.Count(t => index.Search(new PersonDescription(t.Name, t.BirthDate, t.Sex)).Hits.Count > 0);
            int alertedOnName = travellers.Count(t => index.Search(new PersonDescription(t.Name)).Hits.Count > 0);
            rates[label] = (alertedWithAttributes, alertedOnName);
            output.WriteLine($"{label} ({model.LearnedWords} words learned): list {listed.Count}, travellers {travellers.Count}: alerted with date of birth and sex {alertedWithAttributes} ({alertedWithAttributes / (double)travellers.Count:P3}); on the name alone {alertedOnName} ({alertedOnName / (double)travellers.Count:P3})");
        }

        Assert.Equal(1000, listed.Count);
        Assert.Equal(15_000, travellers.Count);
        Assert.True(learned.LearnedWords > NameFrequencies.Default.LearnedWords, "the list taught no word");
        foreach ((string label, (int withAttributes, int onName)) in rates)
        {
            Assert.True(withAttributes <= travellers.Count / 1000, $"{label}: {withAttributes} of {travellers.Count} travellers alerted");
        }

        // Issue 20, point 4: on the name alone the target is 0.1 % (15), not met. Measured 46 once the truncated-name
        // rule held only for kept ends that are the same words and say enough (51 before); then 56 with the same
        // matcher once the index discovers word pairs from the matcher's own threshold (0.55, not 0.6) and so finds
        // alerts it used to miss. A ceiling, so that a change that raises it is seen.
        Assert.True(rates["corpus and list"].OnName <= 56, $"on the name alone {rates["corpus and list"].OnName} of {travellers.Count}");

        // What frequencies are for: a frequent word shared is weaker evidence, so namesakes on the name alone alert less.
        Assert.True(rates["corpus and list"].OnName <= rates["lexicon only"].OnName, $"learned {rates["corpus and list"].OnName}, lexicon only {rates["lexicon only"].OnName}");
    }
}
