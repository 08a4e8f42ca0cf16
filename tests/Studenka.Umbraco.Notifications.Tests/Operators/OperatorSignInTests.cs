using System.Net;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

public sealed class OperatorSignInTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.66");
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.7");
    private static readonly OperatorSignInResult Refused = new(SignInOutcome.InvalidCredentials);

    private static Task<OperatorSignInResult> SignIn(OperatorTestBed bed, string userName, string password, IPAddress? from = null) =>
        bed.SignIn.SignInAsync(userName, password, from ?? Office, CancellationToken.None);

    private static async Task FailAsync(OperatorTestBed bed, int times, string userName = "jana", IPAddress? from = null)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(Refused, await SignIn(bed, userName, "spatne-heslo-" + i, from));
        }
    }

    [Fact]
    public async Task The_right_password_signs_in_in_any_letter_case_of_the_name_and_records_the_time()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync("Jana");

        var result = await SignIn(bed, "  jANA ", OperatorTestBed.Password);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal("Jana", result.Operator!.UserName);
        Assert.Equal(bed.Time.GetUtcNow().ToUnixTimeMilliseconds(), await bed.ScalarAsync<long>("SELECT last_login_at_ms FROM operators"));
        Assert.Equal("operator.login", (await bed.AuditActionsAsync())[^1]);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_give_the_same_answer()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();

        var unknown = await SignIn(bed, "nikdo", OperatorTestBed.Password);
        var wrong = await SignIn(bed, "jana", "spatne-heslo-123");

        Assert.Equal(unknown, wrong);
        Assert.Equal(Refused, wrong);
    }

    [Fact]
    public async Task Every_attempt_costs_one_password_verification_whether_the_name_is_known_unknown_or_delayed()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();

        await SignIn(bed, "nikdo", OperatorTestBed.Password);
        var afterUnknown = bed.Hasher.Verifications;
        await SignIn(bed, "jana", "spatne-heslo-123");
        var afterWrong = bed.Hasher.Verifications;
        await FailAsync(bed, 4);
        var beforeDelayed = bed.Hasher.Verifications;
        await SignIn(bed, "jana", OperatorTestBed.Password);

        Assert.Equal((1, 2), (afterUnknown, afterWrong));
        Assert.Equal(beforeDelayed + 1, bed.Hasher.Verifications);
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_never_lock_the_account_for_its_owner_elsewhere()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 20, from: Attacker);

        var owner = await SignIn(bed, "jana", OperatorTestBed.Password, Office);

        Assert.True(owner.Succeeded);
    }

    [Fact]
    public async Task After_five_wrong_passwords_that_address_waits_30_s_even_with_the_right_one()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 5);

        var tooSoon = await SignIn(bed, "jana", OperatorTestBed.Password);
        bed.Time.Advance(TimeSpan.FromSeconds(29));
        var stillTooSoon = await SignIn(bed, "jana", OperatorTestBed.Password);
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTheWait = await SignIn(bed, "jana", OperatorTestBed.Password);

        Assert.Equal(Refused, tooSoon);
        Assert.Equal(Refused, stillTooSoon);
        Assert.True(afterTheWait.Succeeded);
        Assert.Contains("operator.login-delayed", await bed.AuditActionsAsync());
    }

    [Fact]
    public async Task Four_wrong_passwords_cost_no_wait()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 4);

        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password)).Succeeded);
    }

    [Fact]
    public async Task Each_further_failure_doubles_the_wait_up_to_fifteen_minutes()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 5);
        var waits = new List<TimeSpan>();
        for (var failure = 6; failure <= 12; failure++)
        {
            var wait = await WaitAsync(bed);
            waits.Add(wait);
            bed.Time.Advance(wait);
            await FailAsync(bed, 1);
        }

        Assert.Equal(new[] { 30, 60, 120, 240, 480, 900, 900 }.Select(s => TimeSpan.FromSeconds(s)), waits);
    }

    [Fact]
    public async Task Tries_during_the_wait_do_not_make_it_longer()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 5);
        for (var i = 0; i < 10; i++)
        {
            await SignIn(bed, "jana", "jeste-jedno-heslo");
            bed.Time.Advance(TimeSpan.FromSeconds(2));
        }

        bed.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password)).Succeeded);
    }

    [Fact]
    public async Task The_wait_is_per_name_and_address_other_names_from_that_address_are_not_delayed()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync("jana");
        await bed.CreateAsync("petr");
        await FailAsync(bed, 5, "jana");

        Assert.True((await SignIn(bed, "petr", OperatorTestBed.Password)).Succeeded);
        Assert.Equal(Refused, await SignIn(bed, "JANA", OperatorTestBed.Password));
    }

    [Fact]
    public async Task Unknown_names_are_delayed_like_known_ones_so_the_delay_reveals_nothing()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await FailAsync(bed, 5, "nikdo");

        Assert.Equal(1L, await bed.ScalarAsync<long>("SELECT COUNT(*) FROM operator_login_failures"));
        Assert.Equal(5L, await bed.ScalarAsync<long>("SELECT failures FROM operator_login_failures"));
        await bed.CreateAsync("nikdo");
        Assert.Equal(Refused, await SignIn(bed, "nikdo", OperatorTestBed.Password));
    }

    [Fact]
    public async Task The_right_password_clears_the_count_of_that_name_and_address()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 4);

        await SignIn(bed, "jana", OperatorTestBed.Password);
        await FailAsync(bed, 4);

        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password)).Succeeded);
    }

    [Fact]
    public async Task A_day_without_failures_forgets_the_count()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        await FailAsync(bed, 4);
        bed.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        await FailAsync(bed, 4);

        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password)).Succeeded);
    }

    [Fact]
    public async Task Ipv6_addresses_of_one_64_prefix_share_a_count_and_ipv4_mapped_is_ipv4()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        for (var i = 1; i <= 5; i++)
        {
            await SignIn(bed, "jana", "spatne-heslo", IPAddress.Parse($"2001:db8:1:2::{i:x}"));
        }

        Assert.Equal(Refused, await SignIn(bed, "jana", OperatorTestBed.Password, IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password, IPAddress.Parse("2001:db8:1:3::1"))).Succeeded);
        Assert.Equal(OperatorLoginThrottle.AddressKey(IPAddress.Parse("198.51.100.7")), OperatorLoginThrottle.AddressKey(IPAddress.Parse("::ffff:198.51.100.7")));
    }

    [Fact]
    public async Task Neither_the_name_nor_the_address_is_stored_readably()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await SignIn(bed, "heslo-omylem-do-jmena", "x", Attacker);

        var key = await bed.ScalarAsync<string>("SELECT key_hash FROM operator_login_failures");

        Assert.DoesNotContain("heslo", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("203.0.113", key, StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F]{64}$", key);
    }

    [Fact]
    public async Task The_password_is_stored_only_as_an_identity_hash()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();

        var stored = await bed.ScalarAsync<string>("SELECT password_hash FROM operators");

        Assert.DoesNotContain(OperatorTestBed.Password, stored, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]); // PasswordHasher format marker V3 (PBKDF2)
    }

    /// <summary>How long the office address must wait for "jana" now, read from the throttle itself.</summary>
    private static async Task<TimeSpan> WaitAsync(OperatorTestBed bed)
    {
        var key = await bed.Throttle.KeyAsync("jana", Office, CancellationToken.None);
        return await bed.Throttle.WaitUntilAsync(key, CancellationToken.None) is { } until ? until - bed.Time.GetUtcNow() : TimeSpan.Zero;
    }
}
