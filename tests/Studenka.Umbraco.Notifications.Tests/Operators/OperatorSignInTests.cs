using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

public sealed class OperatorSignInTests
{
    private static Task<OperatorSignInResult> SignIn(OperatorTestBed bed, string userName, string password) =>
        bed.SignIn.SignInAsync(userName, password, CancellationToken.None);

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
        Assert.Equal(new OperatorSignInResult(SignInOutcome.InvalidCredentials), wrong);
    }

    [Fact]
    public async Task An_unknown_name_costs_the_same_password_verification_as_a_known_one()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();

        await SignIn(bed, "nikdo", OperatorTestBed.Password);
        var afterUnknown = bed.Hasher.Verifications;
        await SignIn(bed, "jana", "spatne-heslo-123");

        Assert.Equal(1, afterUnknown);
        Assert.Equal(2, bed.Hasher.Verifications);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_that_even_the_right_password_is_refused_until_the_lockout_ends()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignIn(bed, "jana", "spatne-heslo-" + i)).Outcome);
        }

        var fifth = await SignIn(bed, "jana", "spatne-heslo-5");
        var rightButLocked = await SignIn(bed, "jana", OperatorTestBed.Password);
        bed.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var stillLocked = await SignIn(bed, "jana", OperatorTestBed.Password);
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        var afterLockout = await SignIn(bed, "jana", OperatorTestBed.Password);

        var lockEnd = new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero);
        Assert.Equal(new OperatorSignInResult(SignInOutcome.LockedOut, LockedUntil: lockEnd), fifth);
        Assert.Equal(new OperatorSignInResult(SignInOutcome.LockedOut, LockedUntil: lockEnd), rightButLocked);
        Assert.Equal(SignInOutcome.LockedOut, stillLocked.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, afterLockout.Outcome);
        Assert.Contains("operator.locked", await bed.AuditActionsAsync());
        Assert.Contains("operator.login-refused", await bed.AuditActionsAsync());
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count_of_wrong_passwords()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        for (var i = 0; i < 4; i++)
        {
            await SignIn(bed, "jana", "spatne-heslo-" + i);
        }

        await SignIn(bed, "jana", OperatorTestBed.Password);
        var afterReset = await SignIn(bed, "jana", "spatne-heslo-x");

        Assert.Equal(SignInOutcome.InvalidCredentials, afterReset.Outcome);
        Assert.Equal(1L, await bed.ScalarAsync<long>("SELECT failed_attempts FROM operators"));
    }

    [Fact]
    public async Task Wrong_passwords_while_locked_do_not_extend_the_lockout()
    {
        await using var bed = await OperatorTestBed.CreateAsync();
        await bed.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignIn(bed, "jana", "spatne-heslo-" + i);
        }

        bed.Time.Advance(TimeSpan.FromMinutes(10));
        var duringLock = await SignIn(bed, "jana", "spatne-heslo-9");
        bed.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero), duringLock.LockedUntil);
        Assert.True((await SignIn(bed, "jana", OperatorTestBed.Password)).Succeeded);
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
}
