namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>Faults applied, in order, to the next requests (see <see cref="FakeMessageBirdServer.EnqueueFaults"/>).</summary>
public enum FakeFault
{
    Status500,
    Status503,
    Status429,
    /// <summary>The whole request is read, then the connection is aborted without an answer.</summary>
    DropConnection,
    /// <summary>The request is read and never answered until the client gives up.</summary>
    Hang,
}

/// <summary>What the fake did with one request.</summary>
public enum FakeOutcome
{
    Accepted,
    Unauthorized,
    Invalid,
    InsufficientBalance,
    NotFound,
    Answered,
    Status500,
    Status503,
    Status429,
    /// <summary>Received in full but never answered (dropped or hung): the sender cannot know what happened.</summary>
    ReceivedNotAnswered,
}

/// <summary>A message the fake accepted. Recipients are E.164 with '+'.</summary>
public sealed record FakeMessage(
    string Id,
    string? Reference,
    string Originator,
    string Body,
    string Datacoding,
    IReadOnlyList<string> Recipients,
    string? ReportUrl,
    DateTimeOffset ReceivedAt);

/// <summary>Every request as it arrived, with what the fake made of it.</summary>
public sealed record FakeRequest(
    string Method,
    string Path,
    string? Authorization,
    string? ContentType,
    string? Accept,
    string Body,
    FakeOutcome Outcome,
    DateTimeOffset ReceivedAt);
