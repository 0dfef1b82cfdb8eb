using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// An XLSX workbook read with a zip reader and a forward-only <see cref="XmlReader"/>, nothing else: no DOM (the OpenXML
/// SDK's <c>LoadCurrentElement</c> recursed once per nested element and a 2 KB file overflowed the stack), no part the
/// service does not need (styles, external links, drawings, other relationships are never opened), and every step charged
/// to the file's <see cref="FileBudget"/>: zip entries, declared and real decompressed sizes, compression ratio, XML depth,
/// rows, cells, cell references, shared strings and time. Damage is a 400 under <c>file</c>, a limit a 413 naming it.
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly string[] SpreadsheetNamespaces =
        ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];
    private static readonly string[] RelationshipNamespaces =
        ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"];

    /// <summary>A part smaller than this is no bomb whatever its ratio; the other limits still hold inside it.</summary>
    private const long RatioGrace = 1024 * 1024;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        CheckCharacters = true, CloseInput = true,
    };

    /// <summary>A relationship as the service uses it: its type, and its part (null when it points outside the package).</summary>
    private sealed record Relationship(string Type, string? Part);

    private sealed record SheetEntry(string Name, Relationship? Relationship);

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileBudget _budget;
    private readonly List<SheetEntry> _sheets = [];
    private readonly string? _sharedStringsPart;
    private readonly char[] _chunk = new char[4096];
    private readonly StringBuilder _text = new();
    private List<string>? _shared;

    private UploadOptions Limits => _budget.Limits;

    public IReadOnlyList<string> SheetNames => _sheets.Select(s => s.Name).ToList();

    /// <summary>Opens the workbook: the zip directory, the package and workbook relationships and the list of sheets.</summary>
    public static XlsxWorkbook Open(Stream seekable, FileBudget budget)
    {
        CheckDirectory(seekable, budget.Limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw Corrupt();
        }
        try
        {
            return new XlsxWorkbook(zip, budget);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private XlsxWorkbook(ZipArchive zip, FileBudget budget)
    {
        (_zip, _budget) = (zip, budget);
        foreach (var entry in zip.Entries)
            if (!_entries.TryAdd(entry.FullName.TrimStart('/'), entry))
                throw OfficeReader.Bad(Say.It($"La cartella di lavoro contiene due elementi di nome '{Short(entry.FullName)}': non si può stabilire quale valga.", $"The workbook holds two entries named '{Short(entry.FullName)}': which one counts would be a guess."));

        var main = ReadRelationships("").Values.FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal) && r.Part is not null)
                   ?? throw OfficeReader.Bad(Say.It("Il file è uno zip ma non una cartella di lavoro XLSX (manca il documento principale).", "The file is a zip but not an XLSX workbook (it has no main document)."));
        var list = ReadSheetList(main.Part!);
        var relationships = ReadRelationships(main.Part!);
        _sharedStringsPart = relationships.Values.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal))?.Part;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, id) in list)
        {
            if (!names.Add(name.Trim())) throw OfficeReader.Bad(Say.It($"Due fogli si chiamano \"{Short(name)}\": non si può stabilire quale valga.", $"Two sheets are named \"{Short(name)}\": which one counts would be a guess."));
            _sheets.Add(new SheetEntry(name, id is not null && relationships.TryGetValue(id, out var r) ? r : null));
        }
        if (_sheets.Count == 0) throw OfficeReader.Bad(Say.It("La cartella di lavoro non contiene fogli.", "The workbook has no sheets."));
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>The rows of a sheet (by name, case-insensitive; null = the first sheet), or null when there is no such worksheet.</summary>
    public IEnumerable<TableRow>? ReadSheet(string? name)
    {
        var sheet = _sheets.FirstOrDefault(s => name is null || string.Equals(s.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
        if (sheet is null) return null;
        if (sheet.Relationship is not { } relationship)
            throw OfficeReader.Bad(Say.It($"Il foglio \"{Short(sheet.Name)}\" non ha una parte nella cartella di lavoro: la cartella di lavoro è danneggiata.", $"The sheet \"{Short(sheet.Name)}\" has no part in the workbook: the workbook is damaged."));
        if (!relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal)) return null; // a chart sheet has no rows
        if (relationship.Part is null) throw OfficeReader.Bad(Say.It($"Il foglio \"{Short(sheet.Name)}\" rimanda all'esterno della cartella di lavoro; si leggono solo i fogli propri della cartella.", $"The sheet \"{Short(sheet.Name)}\" points outside the workbook; only the workbook's own sheets are read."));
        return Rows(relationship.Part);
    }

    private IEnumerable<TableRow> Rows(string part)
    {
        var shared = SharedStrings();
        using var xml = Guard(part, () => OpenXml(part));
        var cursor = new SheetCursor(this, xml, shared, part);
        while (Guard(part, cursor.Next) is { } row) yield return row;
    }

    // ---------------- the zip container ----------------

    private static RequestValidationException Corrupt() =>
        OfficeReader.Bad(Say.It("Il file sembra una cartella di lavoro XLSX ma non si può aprire (danneggiato o non è un foglio di calcolo).", "The file looks like an XLSX workbook but cannot be opened (corrupt or not a spreadsheet)."));

    /// <summary>
    /// Counts the central directory's entries before <see cref="ZipArchive"/> reads them all into memory: the count the
    /// directory declares, and the headers really there (a zip reader reads those whatever the count says).
    /// </summary>
    private static void CheckDirectory(Stream zip, UploadOptions limits)
    {
        const int EndRecord = 22;
        const uint EndSignature = 0x06054b50, HeaderSignature = 0x02014b50;
        var length = zip.Length;
        var tail = (int)Math.Min(length, EndRecord + ushort.MaxValue);
        if (tail < EndRecord) throw Corrupt();
        var buffer = new byte[tail];
        zip.Position = length - tail;
        zip.ReadExactly(buffer);
        var end = -1;
        for (var i = tail - EndRecord; i >= 0 && end < 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == EndSignature) end = i;
        if (end < 0) throw Corrupt();
        var declared = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(end + 10));
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(end + 16));
        if (declared == ushort.MaxValue || offset == uint.MaxValue)
            throw OfficeReader.Bad(Say.It("La cartella di lavoro è un archivio ZIP64: nessuna cartella entro il limite di dimensione del caricamento ne ha bisogno.", "The workbook is a ZIP64 archive: no workbook under the upload size limit needs one."));
        if (declared > limits.MaxZipEntries) throw TooManyEntries(limits);

        var header = new byte[46];
        var found = 0;
        zip.Position = offset;
        while (zip.Position + header.Length <= length)
        {
            zip.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != HeaderSignature) break;
            if (++found > limits.MaxZipEntries) throw TooManyEntries(limits);
            zip.Position += BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))
                            + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
        }
        zip.Position = 0;
    }

    private static FileLimitException TooManyEntries(UploadOptions limits) =>
        FileBudget.Over(Say.It("Lo zip della cartella di lavoro ha più elementi di quelli consentiti", "The workbook's zip has more entries than allowed"), nameof(UploadOptions.MaxZipEntries), limits.MaxZipEntries);

    /// <summary>A part as XML, after checking its declared size and ratio; what it really decompresses to is counted as it is read.</summary>
    private XmlReader OpenXml(string part)
    {
        if (!_entries.TryGetValue(part, out var entry)) throw OfficeReader.Bad(Say.It($"La cartella di lavoro è danneggiata: manca la sua parte '{Short(part)}'.", $"The workbook is damaged: its part '{Short(part)}' is missing."));
        if (entry.Length > Limits.MaxPartBytes)
            throw FileBudget.Over(Say.It($"La parte '{Short(part)}' decompressa occupa {entry.Length:N0} byte", $"The part '{Short(part)}' decompresses to {entry.Length:N0} bytes"),
                nameof(UploadOptions.MaxPartBytes), Limits.MaxPartBytes);
        var compressed = Math.Max(1, entry.CompressedLength);
        if (entry.Length > RatioGrace && entry.Length > Limits.MaxCompressionRatio * compressed)
            throw FileBudget.Over(Say.It($"La parte '{Short(part)}' si espande {entry.Length / compressed:N0} volte una volta decompressa (una zip bomb)", $"The part '{Short(part)}' expands {entry.Length / compressed:N0} times when decompressed (a zip bomb)"),
                nameof(UploadOptions.MaxCompressionRatio), Limits.MaxCompressionRatio);
        return XmlReader.Create(new PartStream(entry.Open(), part, entry.Length, _budget), XmlSettings);
    }

    /// <summary>The decompressed bytes of a part: never more than its entry declares, each charged to the file's total.</summary>
    private sealed class PartStream(Stream inner, string part, long declared, FileBudget budget) : CheckedReadStream(inner, ownsInner: true)
    {
        protected override void Checked(int read, long total)
        {
            budget.CheckTime();
            if (total > declared || (read == 0 && total != declared))
                throw OfficeReader.Bad(Say.It($"La cartella di lavoro è danneggiata: la sua parte '{Short(part)}' dichiara {declared:N0} byte ma ne contiene {(read == 0 ? $"{total:N0}" : "di più")}.", $"The workbook is damaged: its part '{Short(part)}' declares {declared:N0} bytes but holds {(read == 0 ? $"{total:N0}" : "more")}."));
            budget.AddDecompressed(read);
        }
    }

    // ---------------- XML ----------------

    /// <summary>The next node, within the depth allowed; the clock is looked at as nodes go by.</summary>
    private bool Next(XmlReader xml)
    {
        if (!xml.Read()) return false;
        if (xml.Depth > Limits.MaxXmlDepth)
            throw FileBudget.Over(Say.It("L'XML della cartella di lavoro annida gli elementi oltre la profondità consentita", "The workbook's XML nests elements deeper than allowed"), nameof(UploadOptions.MaxXmlDepth), Limits.MaxXmlDepth);
        _budget.Tick();
        return true;
    }

    private T ReadPart<T>(string part, Func<XmlReader, T> read)
    {
        using var xml = Guard(part, () => OpenXml(part));
        return Guard(part, () => read(xml));
    }

    private static T Guard<T>(string part, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException e)
        {
            throw OfficeReader.Bad(Say.It($"La cartella di lavoro è danneggiata: '{Short(part)}' non è XML ben formato, oppure dichiara una DTD (riga {e.LineNumber}, posizione {e.LinePosition}).", $"The workbook is damaged: '{Short(part)}' is not well-formed XML, or declares a DTD (line {e.LineNumber}, position {e.LinePosition})."));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw OfficeReader.Bad(Say.It($"La cartella di lavoro è danneggiata: '{Short(part)}' non si può decomprimere.", $"The workbook is damaged: '{Short(part)}' cannot be decompressed."));
        }
    }

    private static bool IsElement(XmlReader xml, int depth, string name) =>
        xml.NodeType == XmlNodeType.Element && xml.Depth == depth && xml.LocalName == name;

    /// <summary>
    /// The text of the element the reader is on, read in chunks (never more than a cell may hold): all of its text, or for
    /// rich text (<c>si</c>, <c>is</c>) the runs' <c>t</c> elements without the phonetic guides (<c>rPh</c>). Ends on its end tag.
    /// </summary>
    private string ReadText(XmlReader xml, bool rich)
    {
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        var text = _text.Clear();
        int phonetic = -1, run = rich ? -1 : depth;
        while (Next(xml))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.EndElement when xml.Depth == depth:
                    return text.ToString();
                case XmlNodeType.EndElement when xml.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.EndElement when rich && xml.Depth == run:
                    run = -1;
                    break;
                case XmlNodeType.Element when rich && phonetic < 0 && !xml.IsEmptyElement:
                    if (xml.LocalName == "rPh") phonetic = xml.Depth;
                    else if (xml.LocalName == "t") run = xml.Depth;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                    when run >= 0 && xml.Depth == run + 1:
                    for (int n; (n = xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0;)
                    {
                        text.Append(_chunk, 0, n);
                        if (text.Length > Limits.MaxCellCharacters)
                            throw FileBudget.Over(Say.It("Una cella contiene più caratteri di quelli consentiti", "A cell holds more characters than allowed"), nameof(UploadOptions.MaxCellCharacters), Limits.MaxCellCharacters);
                    }
                    break;
            }
        }
        return text.ToString();
    }

    // ---------------- relationships, workbook, shared strings ----------------

    /// <summary>The relationships of a part ("" = the package) by id, each resolved to a part of the package or to null.</summary>
    private Dictionary<string, Relationship> ReadRelationships(string source)
    {
        var slash = source.LastIndexOf('/');
        var folder = slash < 0 ? "" : source[..(slash + 1)];
        var path = $"{folder}_rels/{source[(slash + 1)..]}.rels";
        if (!_entries.ContainsKey(path)) return [];
        return ReadPart(path, xml =>
        {
            var map = new Dictionary<string, Relationship>(StringComparer.Ordinal);
            while (Next(xml))
            {
                if (!IsElement(xml, 1, "Relationship") || xml.NamespaceURI != PackageRelationships) continue;
                if (map.Count >= Limits.MaxZipEntries)
                    throw FileBudget.Over(Say.It($"'{Short(path)}' elenca più relazioni delle parti che una cartella di lavoro può avere", $"'{Short(path)}' lists more relationships than a workbook can have parts"), nameof(UploadOptions.MaxZipEntries), Limits.MaxZipEntries);
                if (xml.GetAttribute("Id") is not { } id || xml.GetAttribute("Type") is not { } type || xml.GetAttribute("Target") is not { } target) continue;
                var external = string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase);
                map.TryAdd(id, new Relationship(type, external ? null : Resolve(folder, target)));
            }
            return map;
        });
    }

    /// <summary>A relationship's target as a part name: relative to the source's folder or absolute; null when it leaves the package.</summary>
    private static string? Resolve(string folder, string target)
    {
        if (target.Contains("://", StringComparison.Ordinal)) return null;
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment != "..") segments.Add(segment);
            else if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
            else return null;
        }
        return string.Join('/', segments);
    }

    /// <summary>The sheets of the workbook part, in order: name and relationship id.</summary>
    private List<(string Name, string? Id)> ReadSheetList(string part) => ReadPart(part, xml =>
    {
        var sheets = new List<(string, string?)>();
        var inSheets = false;
        while (Next(xml))
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.Depth == 0 && (xml.LocalName != "workbook" || !SpreadsheetNamespaces.Contains(xml.NamespaceURI)))
                throw OfficeReader.Bad(Say.It("Il file è uno zip ma non una cartella di lavoro XLSX (il documento principale non è una cartella di lavoro: un file Word o PowerPoint?).", "The file is a zip but not an XLSX workbook (its main document is no workbook: a Word or PowerPoint file?)."));
            if (xml.Depth == 1) inSheets = xml.LocalName == "sheets";
            else if (inSheets && IsElement(xml, 2, "sheet"))
            {
                if (sheets.Count >= Limits.MaxZipEntries)
                    throw FileBudget.Over(Say.It("La cartella di lavoro elenca più fogli delle parti che può avere", "The workbook lists more sheets than it can have parts"), nameof(UploadOptions.MaxZipEntries), Limits.MaxZipEntries);
                string? id = null;
                for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
                    if (xml.LocalName == "id" && RelationshipNamespaces.Contains(xml.NamespaceURI)) id = xml.Value;
                xml.MoveToElement();
                sheets.Add((xml.GetAttribute("name") ?? "", id));
            }
        }
        return sheets;
    });

    /// <summary>The shared-string table, read once, when a sheet is first read.</summary>
    private List<string> SharedStrings()
    {
        if (_shared is not null) return _shared;
        _shared = [];
        if (_sharedStringsPart is null) return _shared;
        var shared = _shared;
        long characters = 0;
        ReadPart(_sharedStringsPart, xml =>
        {
            while (Next(xml))
            {
                if (!IsElement(xml, 1, "si")) continue;
                if (shared.Count >= Limits.MaxSharedStrings)
                    throw FileBudget.Over(Say.It("La cartella di lavoro ha più stringhe condivise di quelle consentite", "The workbook has more shared strings than allowed"), nameof(UploadOptions.MaxSharedStrings), Limits.MaxSharedStrings);
                var text = ReadText(xml, rich: true);
                characters += text.Length;
                if (characters > Limits.MaxSharedStringCharacters)
                    throw FileBudget.Over(Say.It("Le stringhe condivise della cartella di lavoro contengono più caratteri di quelli consentiti", "The workbook's shared strings hold more characters than allowed"), nameof(UploadOptions.MaxSharedStringCharacters),
                        Limits.MaxSharedStringCharacters);
                shared.Add(text);
            }
            return shared.Count;
        });
        return _shared;
    }

    // ---------------- rows ----------------

    /// <summary>The rows of one worksheet, one <c>&lt;row&gt;</c> at a time: memory stays bounded by the widest row, not the sheet.</summary>
    private sealed class SheetCursor(XlsxWorkbook owner, XmlReader xml, List<string> shared, string part)
    {
        private readonly List<(int Column, string? Text, bool Numeric)> _cells = [];
        private int _next = 1, _count;
        private bool _inData;

        public TableRow? Next()
        {
            while (owner.Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.Depth == 0 && (xml.LocalName != "worksheet" || !SpreadsheetNamespaces.Contains(xml.NamespaceURI)))
                    throw OfficeReader.Bad(Say.It($"La cartella di lavoro è danneggiata: '{Short(part)}' non è un foglio di lavoro.", $"The workbook is damaged: '{Short(part)}' is not a worksheet."));
                if (xml.Depth == 1) _inData = xml.LocalName == "sheetData" && !xml.IsEmptyElement;
                else if (_inData && IsElement(xml, 2, "row")) return ReadRow();
            }
            return null;
        }

        private TableRow ReadRow()
        {
            var limits = owner.Limits;
            var number = _next;
            if (xml.GetAttribute("r") is { } r && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > UploadOptions.SheetRows))
                throw OfficeReader.Bad(Say.It($"Il numero di riga '{Short(r)}' non è una riga di un foglio di lavoro (da 1 a {UploadOptions.SheetRows:N0}).", $"Row number '{Short(r)}' is not a row of a worksheet (1 to {UploadOptions.SheetRows:N0})."));
            _next = number + 1;
            _count++;
            var cells = _cells;
            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                var column = 0;
                while (owner.Next(xml) && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == 2))
                {
                    if (!IsElement(xml, 3, "c")) continue;
                    if (cells.Count >= limits.MaxColumns)
                        throw FileBudget.Over(Say.It($"La riga {number} ha più celle di quelle consentite", $"Row {number} has more cells than allowed"), nameof(UploadOptions.MaxColumns), limits.MaxColumns);
                    var reference = xml.GetAttribute("r");
                    if (reference is not null && (column = OfficeFiles.ColumnIndex(reference)) < 0)
                        throw OfficeReader.Bad(Say.It($"Il riferimento di cella '{Short(reference)}' nella riga {number} non è una cella di un foglio di lavoro (colonne da A a XFD, righe da 1 a {UploadOptions.SheetRows:N0}).", $"The cell reference '{Short(reference)}' in row {number} is not a cell of a worksheet (columns A to XFD, rows 1 to {UploadOptions.SheetRows:N0})."));
                    if (column >= limits.MaxColumns)
                        throw FileBudget.Over(Say.It($"La cella {reference ?? OfficeFiles.ColumnName(column) + number} è oltre l'ultima colonna consentita ({OfficeFiles.ColumnName(limits.MaxColumns - 1)})", $"The cell {reference ?? OfficeFiles.ColumnName(column) + number} is past the last column allowed ({OfficeFiles.ColumnName(limits.MaxColumns - 1)})"),
                            nameof(UploadOptions.MaxColumns), limits.MaxColumns);
                    var type = xml.GetAttribute("t");
                    cells.Add((column, ReadCell(type, reference ?? OfficeFiles.ColumnName(column) + number, out var numeric), numeric));
                    column++;
                }
            }
            var width = 0;
            foreach (var cell in cells) width = Math.Max(width, cell.Column + 1);
            owner._budget.AddRow(_count, number, width);
            var texts = new string?[width];
            var numerics = new bool[width];
            foreach (var (c, text, numeric) in cells) (texts[c], numerics[c]) = (text, numeric);
            return new TableRow(number, texts, numerics);
        }

        /// <summary>The cell the reader is on, as text: its value (<c>v</c>), inline string (<c>is</c>) or shared string; formulas are not read.</summary>
        private string? ReadCell(string? type, string reference, out bool numeric)
        {
            numeric = false;
            string? raw = null, inline = null;
            if (!xml.IsEmptyElement)
            {
                while (owner.Next(xml) && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == 3))
                {
                    if (IsElement(xml, 4, "v")) raw = owner.ReadText(xml, rich: false);
                    else if (IsElement(xml, 4, "is")) inline = owner.ReadText(xml, rich: true);
                }
            }
            switch (type)
            {
                case "s":
                    if (raw is null) return null;
                    if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count) return shared[index];
                    throw OfficeReader.Bad(Say.It($"La cella {Short(reference)} usa la stringa condivisa '{Short(raw)}', che la cartella di lavoro non contiene: la cartella di lavoro è danneggiata.", $"The cell {Short(reference)} uses shared string '{Short(raw)}', which the workbook does not have: the workbook is damaged."));
                case "inlineStr":
                    return inline;
                case "b":
                    return raw == "1" ? "true" : "false";
                case null or "n":
                    numeric = raw is not null;
                    return raw;
                default:
                    return raw;
            }
        }
    }

    /// <summary>A name or value from the file as a message may quote it: never a megabyte of it.</summary>
    private static string Short(string text) => ValidationRules.Excerpt(text);
}
