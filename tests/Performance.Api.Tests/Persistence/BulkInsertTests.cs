using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Domain.Plans;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Persistence;

/// <summary>
/// The bulk path writes consuntivi with multi-row INSERTs (<see cref="BulkInsert"/>) instead of SaveChanges: rows written
/// that way must be stored byte for byte as EF stores them, read back identically through EF, and score identically.
/// Runs on SQLite and, with PERFORMANCE_TEST_DB=Postgres, on PostgreSQL.
/// </summary>
public sealed class BulkInsertTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject PlanWithStructure(string code, params JsonObject[] indicators)
    {
        var document = Document(code, null, Node("N1", indicators: indicators));
        document["structures"] = new JsonArray(new JsonObject { ["code"] = "S1", ["name"] = "Struttura 1", ["kind"] = "Central" });
        return document;
    }

    private static readonly decimal?[] Values =
        [null, 0m, 1m, -1m, 12.3400m, 0.0000000001m, 123456789012.123456789m, 999999999999999m, -0.5m, 100.00m, 7m];

    private static readonly ActualStatus[] Statuses = Enum.GetValues<ActualStatus>();

    /// <summary>The change version the rows are written under when a test inserts them outside a plan write.</summary>
    private static readonly IReadOnlyDictionary<string, object?> Stamp = new Dictionary<string, object?> { [PerformanceDbContext.ChangeColumn] = 1L };

    /// <summary>Row k of an indicator: every column exercised (nulls, scales, enums, dates, text), unique revision keys.</summary>
    private static Actual Row(Guid indicator, Guid structure, int k, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        IndicatorId = indicator,
        StructureId = k % 2 == 0 ? structure : null,
        ScopeId = k % 2 == 0 ? structure : Guid.Empty,
        Year = 2021 + k / 12 % 3,
        Period = $"M{k % 12 + 1:00}",
        Revision = 1 + k / 36,
        Value = Values[k % Values.Length],
        Numerator = k % 3 == 0 ? Values[(k + 3) % Values.Length] : null,
        Denominator = k % 3 == 0 ? 1000.5m + k : null,
        Done = (k % 3) switch { 0 => true, 1 => false, _ => null },
        Completion = k % 4 == 0 ? 37.5m : null,
        CompletedOn = k % 5 == 0 ? new DateOnly(2021, k % 12 + 1, 28) : null,
        Note = k % 6 == 0 ? null : $"nota {k}: àèìòù € ‘virgolette’ \"x\"; '); DROP TABLE x; --",
        Justification = k % 7 == 0 ? "" : null,
        Status = Statuses[k % Statuses.Length],
        CorrectionReason = k % 8 == 0 ? "correzione" : null,
        ReturnReason = k % 9 == 0 ? "da rivedere" : null,
        ReviewedBy = k % 10 == 0 ? "oiv" : null,
        ReviewedAt = k % 10 == 0 ? new DateTime(2022, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567 + k) : null,
        RecordedAt = new DateTime(2021, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999 - k),
        ReportedOn = new DateOnly(2021, 1, 1).AddDays(k % 365),
        RecordedBy = "bulk-test",
    };

    [Fact]
    public async Task Rows_written_by_the_bulk_insert_are_stored_and_read_back_exactly_as_EF_writes_them()
    {
        await _client.ImportOkAsync(PlanWithStructure("BULKIO", Indicator("EF", ">= 1"), Indicator("FAST", ">= 1")));
        const int count = 1_100; // more than two multi-row commands
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
            var (ef, fast, structure) = await IdsAsync(db, "BULKIO");
            // Consuntivi are written under their plan's lock, both ways in one write: the same change version too.
            var planId = await db.Plans.Where(p => p.Code == "BULKIO").Select(p => p.Id).SingleAsync();
            await using var transaction = await db.BeginPlanWriteAsync(planId, CancellationToken.None);
            db.Actuals.AddRange(Enumerable.Range(0, count).Select(k => Row(ef, structure, k)));
            await db.SaveChangesAsync();

            var rows = Enumerable.Range(0, count).Select(k => Row(fast, structure, k)).ToList();
            await BulkInsert.InsertAsync(db, rows, CancellationToken.None, db.ChangeStamp());
            await transaction.CommitAsync();
            Assert.DoesNotContain(db.ChangeTracker.Entries<Actual>(), e => e.Entity.IndicatorId == fast);

            // Through EF: every property equal, the fast rows under the ids they were given.
            var byEf = await db.Actuals.AsNoTracking().Where(a => a.IndicatorId == ef).ToListAsync();
            var byFast = await db.Actuals.AsNoTracking().Where(a => a.IndicatorId == fast).ToDictionaryAsync(a => a.Id);
            Assert.Equal(count, byEf.Count);
            Assert.Equal(rows.Select(r => r.Id).Order(), byFast.Keys.Order());
            var fastByKey = byFast.Values.ToDictionary(a => (a.ScopeId, a.Year, a.Period, a.Revision));
            foreach (var a in byEf)
            {
                var b = fastByKey[(a.ScopeId, a.Year, a.Period, a.Revision)];
                foreach (var p in typeof(Actual).GetProperties().Where(p => p.Name is not (nameof(Actual.Id) or nameof(Actual.IndicatorId))))
                    Assert.True(Equals(p.GetValue(a), p.GetValue(b)) && Text(p.GetValue(a)) == Text(p.GetValue(b)),
                        $"{p.Name}: EF {Text(p.GetValue(a))} vs bulk {Text(p.GetValue(b))}");
            }

            // In the database itself: the same stored types and representations, column by column.
            var stored = await RawRowsAsync(db);
            var efRaw = stored.Where(r => Matches(r["IndicatorId"], ef)).ToList();
            var fastRaw = stored.Where(r => Matches(r["IndicatorId"], fast)).ToList();
            Assert.Equal(count, efRaw.Count);
            Assert.Equal(count, fastRaw.Count);
            string Key(Dictionary<string, string?> r) => $"{r["ScopeId"]}|{r["Year"]}|{r["Period"]}|{r["Revision"]}";
            var fastRawByKey = fastRaw.ToDictionary(Key);
            foreach (var r in efRaw)
            {
                var f = fastRawByKey[Key(r)];
                Assert.Equal(r.Keys.Order(), f.Keys.Order());
                foreach (var column in r.Keys.Where(c => c is not ("Id" or "IndicatorId")))
                    Assert.True(r[column] == f[column], $"{column}: stored by EF as {r[column]}, by the bulk insert as {f[column]}");
            }
        }
    }

    [Fact]
    public async Task A_rolled_back_transaction_keeps_nothing_of_the_bulk_insert()
    {
        await _client.ImportOkAsync(PlanWithStructure("BULKRB", Indicator("EF", ">= 1"), Indicator("FAST", ">= 1")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var (_, fast, structure) = await IdsAsync(db, "BULKRB");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, Enumerable.Range(0, 600).Select(k => Row(fast, structure, k)).ToList(), CancellationToken.None, Stamp);
            Assert.Equal(600, await db.Actuals.CountAsync(a => a.IndicatorId == fast));
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await db.Actuals.CountAsync(a => a.IndicatorId == fast));
    }

    /// <summary>
    /// A row the database refuses fails the insert with the provider's own error (a duplicate key: SQLite's
    /// SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL's unique_violation), as a command would report it; rolling back leaves
    /// nothing of the batch, and the connection takes the next batch.
    /// </summary>
    [Fact]
    public async Task A_refused_row_fails_the_bulk_insert_with_the_providers_error_and_leaves_nothing()
    {
        await _client.ImportOkAsync(PlanWithStructure("BULKDUP", Indicator("EF", ">= 1"), Indicator("FAST", ">= 1")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var (_, fast, structure) = await IdsAsync(db, "BULKDUP");
        var rows = Enumerable.Range(0, 50).Select(k => Row(fast, structure, k)).ToList();
        // Row 30 repeats row 10's key (its id): the first 30 rows are written before the refusal.
        rows[30] = Row(fast, structure, 30, id: rows[10].Id);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() => BulkInsert.InsertAsync(db, rows, CancellationToken.None, Stamp));
            if (TestDatabase.IsPostgres) Assert.Equal("23505", ((Npgsql.PostgresException)error).SqlState);
            else Assert.Equal(1555, ((Microsoft.Data.Sqlite.SqliteException)error).SqliteExtendedErrorCode);
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await db.Actuals.CountAsync(a => a.IndicatorId == fast));
        // The connection is still usable for a clean batch.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, Enumerable.Range(0, 50).Select(k => Row(fast, structure, k)).ToList(), CancellationToken.None, Stamp);
            await transaction.CommitAsync();
        }
        Assert.Equal(50, await db.Actuals.CountAsync(a => a.IndicatorId == fast));
    }

    /// <summary>
    /// SQLite: a locked write that bulk-inserted 1,000 rows or more gives the C heap's free pages back when it ends, committed
    /// or rolled back (the bulk load's page cache, freed by SQLite then, would stay resident in glibc's arenas); a smaller one
    /// does not ask for it. Linux only (malloc_trim).
    /// </summary>
    [Fact]
    public async Task On_SQLite_a_large_bulk_insert_trims_the_C_heap_when_its_write_ends_committed_or_not()
    {
        if (TestDatabase.IsPostgres || !OperatingSystem.IsLinux()) return;
        await _client.ImportOkAsync(PlanWithStructure("BULKTRIM", Indicator("EF", ">= 1"), Indicator("FAST", ">= 1")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var (_, fast, structure) = await IdsAsync(db, "BULKTRIM");
        var planId = await db.Plans.Where(p => p.Code == "BULKTRIM").Select(p => p.Id).SingleAsync();

        foreach (var commit in new[] { true, false })
        {
            var before = NativeHeap.Trims;
            await using (var transaction = await db.BeginPlanWriteAsync(planId, CancellationToken.None))
            {
                await BulkInsert.InsertAsync(db, Enumerable.Range(0, NativeHeap.LargeWrite).Select(k => Row(fast, structure, k + (commit ? 0 : 5_000))).ToList(),
                    CancellationToken.None, db.ChangeStamp());
                Assert.True(db.LargeBulkWrite);
                if (commit) await transaction.CommitAsync();
            }
            Assert.False(db.LargeBulkWrite);
            Assert.True(NativeHeap.Trims > before, commit ? "after the commit" : "after the rollback");
        }

        await using (var transaction = await db.BeginPlanWriteAsync(planId, CancellationToken.None))
        {
            await BulkInsert.InsertAsync(db, Enumerable.Range(0, NativeHeap.LargeWrite - 1).Select(k => Row(fast, structure, k + 10_000)).ToList(),
                CancellationToken.None, db.ChangeStamp());
            Assert.False(db.LargeBulkWrite);
        }
    }

    /// <summary>
    /// SQLite: outside a transaction that already holds the write lock, a bulk insert waits for another connection's write
    /// to end, as a command waits (its timeout), instead of failing with "database is locked".
    /// </summary>
    [Fact]
    public async Task On_SQLite_a_bulk_insert_waits_for_another_connections_write_lock()
    {
        if (TestDatabase.IsPostgres) return; // COPY on PostgreSQL: row locks, no database-wide write lock
        await _client.ImportOkAsync(PlanWithStructure("BULKWAIT", Indicator("EF", ">= 1"), Indicator("FAST", ">= 1")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var (_, fast, structure) = await IdsAsync(db, "BULKWAIT");
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetConnectionString());
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        // SQLite's calls are synchronous (the wait too, as Microsoft.Data.Sqlite's own): the insert runs on another thread.
        var insert = Task.Run(() => BulkInsert.InsertAsync(db, Enumerable.Range(0, 20).Select(k => Row(fast, structure, k)).ToList(), CancellationToken.None, Stamp));
        await Task.Delay(400);
        Assert.False(insert.IsCompleted);
        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }
        await insert;
        Assert.Equal(20, await db.Actuals.CountAsync(a => a.IndicatorId == fast));
    }

    /// <summary>
    /// The same consuntivi, entered one by one (SaveChanges) for one twin and in one bulk request for the other: same
    /// scorecard figures, same explanation, same listing.
    /// </summary>
    [Fact]
    public async Task Bulk_loaded_consuntivi_score_and_explain_exactly_as_those_entered_one_by_one()
    {
        string[] forms = ["SUM", "RATE", "AVG", "MS"];
        JsonObject Twin(string form, string prefix) => form switch
        {
            "SUM" => Indicator(prefix + form, "almeno 1.200 pratiche", aggregation: "Sum", frequency: "Monthly"),
            "RATE" => Indicator(prefix + form, ">= 80%", aggregation: "RatioOfSums", unit: "Percent", frequency: "Monthly"),
            "AVG" => Indicator(prefix + form, "<= 5gg", aggregation: "Average", unit: "Days", frequency: "Monthly"),
            _ => Indicator(prefix + form, "entro il 30/06/2021", frequency: "Monthly"),
        };
        await _client.ImportOkAsync(PlanWithStructure("BULKSC", forms.SelectMany(f => new[] { Twin(f, "E"), Twin(f, "B") }).ToArray()));

        var rows = new List<JsonObject>();
        var random = new Random(7);
        foreach (var form in forms)
            for (var m = 1; m <= 8; m++)
            {
                // Months 2 and 5 are entered twice: the second entry is revision 2.
                for (var again = 0; again < (m is 2 or 5 ? 2 : 1); again++)
                {
                    var row = new JsonObject { ["year"] = 2021, ["period"] = $"M{m:00}" };
                    switch (form)
                    {
                        case "SUM": row["value"] = random.Next(60, 140) + 0.25m * random.Next(4); break;
                        case "RATE": row["numerator"] = random.Next(70, 99); row["denominator"] = 100 + random.Next(0, 3); break;
                        case "AVG": row["value"] = Math.Round((decimal)(2 + random.NextDouble() * 6), 1); break;
                        default:
                            row["completion"] = Math.Min(100, m * 15);
                            row["done"] = m * 15 >= 100;
                            if (m * 15 >= 100) row["completedOn"] = $"2021-{m:00}-15";
                            break;
                    }
                    // The repeat says something new (a bulk row equal to the current revision would create nothing).
                    row["note"] = again == 0 ? $"mese {m}" : $"mese {m}, rettifica";
                    rows.Add(new JsonObject { ["form"] = form, ["row"] = row });
                }
            }

        foreach (var r in rows)
            await _client.PostActualOkAsync("BULKSC", "E" + (string)r["form"]!, r["row"]!.ToJsonString());
        var bulk = new JsonObject
        {
            ["actuals"] = new JsonArray(rows.Select(r =>
            {
                var row = (JsonObject)r["row"]!.DeepClone();
                row["indicator"] = "B" + (string)r["form"]!;
                return (JsonNode)row;
            }).ToArray()),
        };
        var response = await _client.PostJsonTextAsync("/api/plans/BULKSC/actuals/bulk", bulk.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var scorecard = await _client.ScorecardAsync("BULKSC");
        foreach (var form in forms)
        {
            var (e, b) = (IndicatorIn(scorecard, "E" + form).DeepClone().AsObject(), IndicatorIn(scorecard, "B" + form).DeepClone().AsObject());
            Assert.NotNull(e["score"]);
            foreach (var x in new[] { e, b }) { x.Remove("code"); x.Remove("name"); }
            Assert.Equal(e.ToJsonString(), b.ToJsonString());

            var explainE = await _client.GetJsonOkAsync($"/api/indicators/BULKSC:E{form}/score?year=2021&explain=true");
            var explainB = await _client.GetJsonOkAsync($"/api/indicators/BULKSC:B{form}/score?year=2021&explain=true");
            Assert.Equal(Normalized(explainE, "E" + form), Normalized(explainB, "B" + form));

            var listE = await _client.GetJsonOkAsync($"/api/indicators/BULKSC:E{form}/actuals?year=2021");
            var listB = await _client.GetJsonOkAsync($"/api/indicators/BULKSC:B{form}/actuals?year=2021");
            Assert.Equal(Normalized(listE, "E" + form), Normalized(listB, "B" + form));
        }
    }

    /// <summary>The JSON with the indicator's own code, ids and recording instants taken out (they differ by construction).</summary>
    private static string Normalized(JsonNode node, string code)
    {
        var copy = node.DeepClone();
        void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var key in o.Select(p => p.Key).ToList())
                        if (key is "id" or "recordedAt" or "recordedBy" or "code" or "name" or "indicatorCode") o.Remove(key);
                        else Strip(o[key]);
                    break;
                case JsonArray a:
                    foreach (var item in a) Strip(item);
                    break;
            }
        }
        Strip(copy);
        return copy.ToJsonString().Replace(code, "X");
    }

    private static async Task<(Guid Ef, Guid Fast, Guid Structure)> IdsAsync(PerformanceDbContext db, string plan)
    {
        var planId = await db.Plans.Where(p => p.Code == plan).Select(p => p.Id).SingleAsync();
        var indicators = await db.Indicators.Where(i => i.PlanId == planId).ToDictionaryAsync(i => i.Code, i => i.Id);
        var structure = await db.Structures.Where(s => s.PlanId == planId).Select(s => s.Id).SingleAsync();
        return (indicators["EF"], indicators["FAST"], structure);
    }

    private static bool Matches(string? stored, Guid id) =>
        stored is not null && Guid.TryParse(stored.Split(':', 2)[1], out var g) && g == id;

    /// <summary>Every Actuals row as stored: column → "provider type:invariant text".</summary>
    private static async Task<List<Dictionary<string, string?>>> RawRowsAsync(PerformanceDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {(TestDatabase.IsPostgres ? "\"Actuals\"" : "Actuals")}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<Dictionary<string, string?>>();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, string?>();
                for (var i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : $"{reader.GetValue(i).GetType().Name}:{Text(reader.GetValue(i))}";
                rows.Add(row);
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture) + d.Kind,
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
