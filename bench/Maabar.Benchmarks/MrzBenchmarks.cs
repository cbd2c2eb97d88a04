using BenchmarkDotNet.Attributes;
using Maabar.Documents.Mrz;

namespace Maabar.Benchmarks;

/// <summary>
/// MRZ parsing on real-shaped zones (ICAO specimens and a Tunisian passport). Target of issue 4:
/// at least 1,000,000 documents per second per core, i.e. at most 1 microsecond per parse.
/// </summary>
[MemoryDiagnoser]
public class MrzBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private readonly string td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private readonly string td1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    private readonly string td1Overflow = "IDBEL000590240<6013<<<<<<<<<<<\n8512017F1311048BEL851201002007\nREINARTZ<<ULRIKE<KATIA<E<<<<<<";
    private readonly string tunisian = "P<TUNBEN<SALAH<<MOHAMED<LAMINE<<<<<<<<<<<<<<\nZ1234567<1TUN8503150M3001019<<<<<<<<<<<<<<<8";
    private readonly string td3BadCheckDigits = "P<GBRSTOKES<<CASSANDRE<<<<<<<<<<<<<<<<<<<<<<\n2347894037GBR7901232X2301011<<<<<<<<<<<<<<06";

    [Benchmark(Baseline = true)]
    public MrzResult Td3() => MrzParser.Parse(td3, Today);

    [Benchmark]
    public MrzResult Td1() => MrzParser.Parse(td1, Today);

    [Benchmark]
    public MrzResult Td1LongNumber() => MrzParser.Parse(td1Overflow, Today);

    [Benchmark]
    public MrzResult Td3Tunisian() => MrzParser.Parse(tunisian, Today);

    [Benchmark]
    public MrzResult Td3WithErrorsAndSuggestions() => MrzParser.Parse(td3BadCheckDigits, Today);

    private readonly string documentNumber = "L898902C3";

    [Benchmark]
    public int CheckDigitOfDocumentNumber() => CheckDigit.Compute(documentNumber);
}
