using System.ComponentModel.DataAnnotations;
using Studenka.Umbraco.Notifications.Email;

namespace Studenka.Umbraco.Notifications.Tests.Email;

public sealed class EmailOptionsTests
{
    private static List<string> Errors(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void The_defaults_are_the_sandbox_and_valid() => Assert.Empty(Errors(new EmailOptions()));

    [Fact]
    public void Smtp_without_a_host_a_login_without_a_password_and_a_bad_sender_are_refused_in_English()
    {
        var errors = Errors(new EmailOptions { Provider = EmailProvider.Smtp, UserName = "studenka", FromAddress = "not an address" });

        Assert.Contains("Studenka:Email:Host is required when Studenka:Email:Provider is Smtp.", errors);
        Assert.Contains("Studenka:Email:Password is required when Studenka:Email:UserName is set.", errors);
        Assert.Contains("Studenka:Email:FromAddress must be an e-mail address, e.g. sms@studenka.cz.", errors);
        Assert.Equal(["Studenka:Email:PerSecond must be between 1 and 1000."], Errors(new EmailOptions { PerSecond = 0 }));
    }
}
