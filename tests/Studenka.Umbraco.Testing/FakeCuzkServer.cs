using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// ČÚZK's export folder on 127.0.0.1 (real Kestrel, a free port): serves the files put into
/// <see cref="Files"/> under <c>/vymenny_format/csv/</c>, 404 for the rest; <see cref="Hold"/> keeps
/// every answer waiting until released (a download in progress).
/// </summary>
public sealed class FakeCuzkServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeCuzkServer(WebApplication app) => _app = app;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, requests wait for it before they are answered.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public List<string> Requested { get; } = [];

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeCuzkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeCuzkServer(app);
        app.MapGet("/vymenny_format/csv/{name}", async (string name, HttpContext context) =>
        {
            lock (server.Requested)
            {
                server.Requested.Add(name);
            }

            if (server.Hold is { } hold)
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }

            return server.Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/zip") : Results.NotFound();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = address.TrimEnd('/') + "/vymenny_format/csv/";
        return server;
    }

    /// <summary>A zip as ČÚZK publishes it: one entry, the CSV named like the zip without ".zip".</summary>
    public static byte[] Zip(string csvName, byte[] csv)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(csvName).Open();
            entry.Write(csv);
        }

        return memory.ToArray();
    }

    public static byte[] StudenkaZip(string vintage = "20261031") =>
        Zip($"{vintage}_OB_599921_ADR.csv", RuianCsvFile.Encode(RuianCsvFile.Studenka));

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
