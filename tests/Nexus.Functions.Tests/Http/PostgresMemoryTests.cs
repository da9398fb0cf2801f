using System.Net;
using Nexus.Api.Contract.Support;
using Nexus.Durable;
using Nexus.Functions.Tests.Support;
using Nexus.Hosting;
using Nexus.Testing.Postgres;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Functions.Tests.Http;

/// <summary>The Function App whose settings name the shared PostgreSQL store (<c>NEXUS_STORE=postgres</c>,
/// <c>NEXUS_CONNECTION</c>): a project run by its wrapper functions leaves its lessons in that store's full-text search,
/// <c>GET /api/memory</c> finds them, and <c>DELETE /api/projects/{id}</c> removes them.</summary>
public sealed class PostgresMemoryTests(PostgresMemoryTests.Host host) : IClassFixture<PostgresMemoryTests.Host>
{
    [Fact]
    public async Task Demo_OnTheFunctionApp_StoresItsLessonsInPostgres_SearchFindsThem_PurgeRemovesThem()
    {
        using var client = host.App.CreateApiClient();
        var id = NewId("fmem");
        await (await client.PostJsonAsync("/api/projects", Demo(id, approvePlan: false))).ShouldBeAsync(HttpStatusCode.Accepted);
        await host.App.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);

        var found = await (await client.GetAsync("/api/memory?q=slugify%20maxLength%20separator&limit=50", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        found.GetProperty("store").GetString().ShouldBe($"PostgreSQL full-text search (schema {host.Schema.Name})");
        var results = found.GetProperty("results").EnumerateArray().ToList();
        results.ShouldNotBeEmpty();
        results.ShouldAllBe(r => r.GetProperty("projectId").GetString() == id);
        results.Select(r => r.GetProperty("kind").GetString()).ShouldContain("plan");

        (await client.DeleteAsync($"/api/projects/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await client.GetAsync("/api/memory?q=slugify%20maxLength%20separator&limit=50", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        after.GetProperty("results").GetArrayLength().ShouldBe(0);
    }

    /// <summary>The Function App over a schema of its own on the test PostgreSQL server, dropped afterwards.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private FunctionAppHost? _app;
        private PostgresTestSchema? _schema;

        public FunctionAppHost App => _app!;

        public PostgresTestSchema Schema => _schema!;

        public async ValueTask InitializeAsync()
        {
            _schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("funcmemory", TestContext.Current.CancellationToken);
            _app = new FunctionAppHost(options =>
            {
                options.Store = NexusStoreKind.Postgres;
                options.Connection = _schema.ConnectionString;
                options.Schema = _schema.Name;
            });
            await _app.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_schema is not null)
            {
                await _schema.DisposeAsync();
            }
        }
    }
}
