using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// A score read finds its plan once and hands the found plan to the plan model (tree, cache, scoring), which never
/// looks it up again: the statements this class's database receives are counted through EF Core's diagnostic events.
/// </summary>
public sealed class PlanLookupCountTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2021")]
    [InlineData("/api/plans/PP-2021-2023/nodes/2021_01/score?year=2021")]
    [InlineData("/api/indicators/PP-2021-2023:2021_01.I1/score?year=2021")]
    [InlineData("/api/plans/PP-2021-2023/public-value?year=2021")]
    [InlineData("/api/plans/PP-2021-2023/guidelines?year=2021")]
    public async Task A_score_read_makes_one_plan_lookup_whether_the_tree_is_cached_or_not(string url)
    {
        await _client.EnsureCremonaAsync();
        // A write moves the audit head: the first read below loads the tree, the second finds it cached.
        await _client.PostActualOkAsync(Cremona, "2021_01.I1", """{"year":2021,"period":"Y","numerator":170,"denominator":200}""");

        foreach (var read in new[] { "cold", "cached" })
        {
            using var statements = new PlanStatements(factory.ConnectionString);
            var response = await _client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{read} {url}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(statements.PlanQueries == 1, $"{read} {url}: {statements.PlanQueries} plan queries:\n{string.Join("\n---\n", statements.Texts)}");
        }
    }

    /// <summary>Counts the SELECTs reading the Plans table on one database (the test class's own file or database).</summary>
    private sealed class PlanStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _texts = [];

        public PlanStatements(string connectionString)
        {
            _database = new DbConnectionStringBuilder { ConnectionString = connectionString } is var b && b.TryGetValue("Data Source", out var file)
                ? (string)file : (string)b["Database"];
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int PlanQueries { get { lock (_texts) return _texts.Count; } }
        public IReadOnlyList<string> Texts { get { lock (_texts) return _texts.ToList(); } }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data) return;
            var connection = data.Command.Connection;
            if (connection is null || !(connection.DataSource == _database || connection.Database == _database)) return;
            if (data.Command.CommandText.Contains("FROM \"Plans\"", StringComparison.Ordinal)) lock (_texts) _texts.Add(data.Command.CommandText);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
