using Maabar.Domain;

namespace Maabar.Domain.Tests;

/// <summary>Which travellers a side and a lane let through.</summary>
public sealed class CrossingRulesTests
{
    [Theory]
    [InlineData(CrossingStatus.Open, "", CrossingStatus.Open, null)]
    [InlineData(CrossingStatus.Closed, "", CrossingStatus.Open, "")]
    [InlineData(CrossingStatus.Open, "", CrossingStatus.Closed, "")]
    [InlineData(CrossingStatus.HumanitarianOnly, "", CrossingStatus.Open, "humanitarian")]
    [InlineData(CrossingStatus.HumanitarianOnly, "medical", CrossingStatus.Open, "humanitarian,medical")]
    [InlineData(CrossingStatus.Restricted, "freight", CrossingStatus.Open, "freight")]
    [InlineData(CrossingStatus.Restricted, "", CrossingStatus.Open, "diplomatic,freight,humanitarian,medical")]
    [InlineData(CrossingStatus.Open, "", CrossingStatus.HumanitarianOnly, "humanitarian")]
    [InlineData(CrossingStatus.Restricted, "freight,medical", CrossingStatus.HumanitarianOnly, "")]
    [InlineData(CrossingStatus.HumanitarianOnly, "medical", CrossingStatus.Restricted, "humanitarian,medical")]
    public void Admitted_IsWhatBothTheSideAndTheLaneLetThrough(CrossingStatus side, string categories, CrossingStatus lane, string? expected)
    {
        IReadOnlySet<string>? admitted = CrossingRules.Admitted(side, categories, lane);

        Assert.Equal(expected, admitted is null ? null : string.Join(',', admitted.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("  ", null, true)]
    [InlineData("Humanitarian ", "humanitarian", true)]
    [InlineData("tourist", null, false)]
    public void ParseCategory_KnowsTheFourCategoriesAndAnOrdinaryTraveller(string? text, string? expected, bool valid)
    {
        Assert.Equal(expected, CrossingRules.ParseCategory(text, out bool ok));
        Assert.Equal(valid, ok);
    }
}
