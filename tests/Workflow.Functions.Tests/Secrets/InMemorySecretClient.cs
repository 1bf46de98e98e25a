using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Workflow.Functions.Secrets;

namespace Workflow.Functions.Tests.Secrets;

/// <summary>
/// A <see cref="SecretClient"/> over a dictionary, for the Key Vault store's tests: Key Vault has no emulator. It
/// overrides only the (virtual, mockable) calls the store makes and keeps to the service's documented behaviour that
/// the store relies on: 404 for a missing secret, 409 when a name is set while it is soft-deleted, recovery of a
/// soft-deleted secret, tags and a listing of properties without values. It proves the store's own logic (names,
/// tags, versions, group filtering), not that Key Vault accepts these calls: that needs a real vault.
/// </summary>
internal sealed class InMemorySecretClient : SecretClient
{
    private readonly Dictionary<string, KeyVaultSecret> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyVaultSecret> _deleted = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _live.Keys;

    public override Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret,
        CancellationToken cancellationToken = default)
    {
        if (_deleted.ContainsKey(secret.Name))
        {
            throw new RequestFailedException(409, $"Secret {secret.Name} is currently in a deleted but recoverable state.");
        }

        var properties = SecretModelFactory.SecretProperties(name: secret.Name, version: Guid.NewGuid().ToString("N"),
            updatedOn: DateTimeOffset.UnixEpoch.AddDays(_live.Count + 1));
        foreach (var (key, value) in secret.Properties.Tags)
        {
            properties.Tags[key] = value;
        }

        var stored = SecretModelFactory.KeyVaultSecret(properties, secret.Value);
        _live[secret.Name] = stored;
        return Task.FromResult(Response.FromValue(stored, new FakeResponse(200)));
    }

    public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null,
        CancellationToken cancellationToken = default) => Get(name);

    public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version,
        SecretContentType? outContentType, CancellationToken cancellationToken = default) => Get(name);

    public override AsyncPageable<SecretProperties> GetPropertiesOfSecretsAsync(
        CancellationToken cancellationToken = default) =>
        AsyncPageable<SecretProperties>.FromPages(
        [
            Page<SecretProperties>.FromValues([.. _live.Values.Select(s => s.Properties)], null, new FakeResponse(200)),
        ]);

    public override Task<DeleteSecretOperation> StartDeleteSecretAsync(string name,
        CancellationToken cancellationToken = default)
    {
        if (!_live.Remove(name, out var secret))
        {
            throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.");
        }

        _deleted[name] = secret;
        return Task.FromResult<DeleteSecretOperation>(new DoneDelete());
    }

    public override Task<RecoverDeletedSecretOperation> StartRecoverDeletedSecretAsync(string name,
        CancellationToken cancellationToken = default)
    {
        if (!_deleted.Remove(name, out var secret))
        {
            throw new RequestFailedException(404, $"A deleted secret with (name/id) {name} was not found.");
        }

        _live[name] = secret;
        return Task.FromResult<RecoverDeletedSecretOperation>(new DoneRecovery(secret.Properties));
    }

    private Task<Response<KeyVaultSecret>> Get(string name) =>
        _live.TryGetValue(name, out var secret)
            ? Task.FromResult(Response.FromValue(secret, (Response)new FakeResponse(200)))
            : throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.");

    private sealed class DoneDelete : DeleteSecretOperation;

    private sealed class DoneRecovery(SecretProperties properties) : RecoverDeletedSecretOperation
    {
        public override ValueTask<Response<SecretProperties>> WaitForCompletionAsync(
            CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Response.FromValue(properties, (Response)new FakeResponse(200)));
    }

    [SuppressMessage("Design", "CA1065", Justification = "A fake response has no content.")]
    private sealed class FakeResponse(int status) : Response
    {
        public override int Status => status;
        public override string ReasonPhrase => "";
        public override Stream? ContentStream { get; set; }
        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
