using IgfPlatform.Client.Live;

namespace IgfPlatform.Client.Http;

/// <summary>
/// Sends each API request to the server in use and, when that server cannot be reached (no
/// connection was made, so nothing was sent), to the next ones in turn. Requests are written against
/// the first address; only the server part changes.
/// </summary>
public sealed class EndpointFailoverHandler : DelegatingHandler
{
    private readonly PlatformEndpoints _endpoints;

    public EndpointFailoverHandler(PlatformEndpoints endpoints, HttpMessageHandler inner)
        : base(inner)
    {
        _endpoints = endpoints;
    }

    public PlatformEndpoints Endpoints => _endpoints;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var asked = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
        var relative = _endpoints.BaseUris[0].MakeRelativeUri(asked);
        if (relative.IsAbsoluteUri)
        {
            // Not one of ours (an absolute address elsewhere): sent as it is.
            return await base.SendAsync(request, cancellationToken);
        }

        HttpRequestException? last = null;
        for (var tried = 0; tried < _endpoints.BaseUris.Count; tried++)
        {
            var index = _endpoints.CurrentIndex;
            request.RequestUri = new Uri(_endpoints.BaseUris[index], relative);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                _endpoints.Use(index);
                return response;
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                last = e;
                _endpoints.MoveFrom(index);
            }
        }

        throw last!;
    }
}
