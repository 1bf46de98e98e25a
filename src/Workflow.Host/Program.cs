var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The dashboard: static files from wwwroot, index.html at /.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
app.Run();
