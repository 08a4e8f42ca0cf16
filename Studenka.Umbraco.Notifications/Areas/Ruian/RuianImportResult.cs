using System.Diagnostics.CodeAnalysis;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>Why a file was refused; <see cref="Line"/> is the 1-based line of the file (the header is line 1).</summary>
public sealed record RuianImportError(int? Line, string Message)
{
    public override string ToString() => Line is null ? Message : $"Řádek {Line}: {Message}";
}

/// <summary>What a successful import changed, and what still needs an administrator. Street rows are never deleted, only retired.</summary>
public sealed record RuianImportSummary
{
    /// <summary>Address rows (adresní místa) read from the file, without the header.</summary>
    public required int RowsRead { get; init; }

    public required int PartsAdded { get; init; }

    public required int PartsUnchanged { get; init; }

    /// <summary>Parts whose code was known but whose name differed; the register's name wins.</summary>
    public required int PartsRenamed { get; init; }

    public required int StreetsAdded { get; init; }

    /// <summary>Streets already imported from RÚIAN with the same code.</summary>
    public required int StreetsUnchanged { get; init; }

    /// <summary>Seed streets the register confirmed (or RÚIAN streets whose code changed); now source 'ruian'.</summary>
    public required int StreetsConfirmed { get; init; }

    /// <summary>Inactive streets the file lists again.</summary>
    public required int StreetsReactivated { get; init; }

    /// <summary>Residents' addresses moved onto the register's street (and its part), per street or typed name.</summary>
    public required IReadOnlyList<AddressMove> Moves { get; init; }

    /// <summary>Streets the file does not contain and nobody lives on, as "street (part)"; now inactive (never deleted).</summary>
    public required IReadOnlyList<string> RetiredStreets { get; init; }

    /// <summary>After the import: streets the register lacks that residents still use (kept targetable), and typed streets no register street matched.</summary>
    public required AddressesNeedingMapping NeedsMapping { get; init; }

    /// <summary>Address points in the file; 0 when it lacks their columns (then house numbers are not checked).</summary>
    public required int AddressPoints { get; init; }

    /// <summary>After the import: residents' house numbers that no address point has on that street and part.</summary>
    public required IReadOnlyList<HouseNumberMismatch> HouseNumberMismatches { get; init; }
}

/// <summary>Either a summary or the errors that stopped the import; a failed import wrote nothing.</summary>
public sealed record RuianImportResult(RuianImportSummary? Summary, IReadOnlyList<RuianImportError> Errors)
{
    [MemberNotNullWhen(true, nameof(Summary))]
    public bool Succeeded => Summary is not null;

    public static RuianImportResult Success(RuianImportSummary summary) => new(summary, []);

    public static RuianImportResult Failure(IReadOnlyList<RuianImportError> errors) => new(null, errors);

    public static RuianImportResult Failure(int? line, string message) => new(null, [new RuianImportError(line, message)]);
}
