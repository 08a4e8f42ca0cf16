using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Reminders;

/// <summary>Reminders and recurring announcements (section <c>Studenka:Reminders</c>).</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Reminders";

    /// <summary>
    /// A reminder missed while the site was down still goes if it is at most this late (and the event
    /// has not started yet); a later one is skipped and logged.
    /// </summary>
    public TimeSpan MisfireGrace { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Quartz's scheduler name: every node of one town's database must use the same one.</summary>
    [Required]
    public string SchedulerName { get; set; } = "StudenkaSms";

    /// <summary>This node's name in the Quartz cluster; empty = generated (host name + time), unique per start.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How long the Quartz scheduler sleeps when no trigger is near (tests make it short).</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How late a trigger may be before Quartz calls it missed (and the grace above decides).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a PostgreSQL node tells the cluster it is alive; another takes over its triggers after about twice this.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MisfireGrace < TimeSpan.Zero || MisfireGrace > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("Studenka:Reminders:MisfireGrace must be between 00:00:00 and 7.00:00:00.", [nameof(MisfireGrace)]);
        }

        if (IdleWaitTime < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Studenka:Reminders:IdleWaitTime must be at least 00:00:01 (Quartz's minimum).", [nameof(IdleWaitTime)]);
        }

        if (MisfireThreshold < TimeSpan.FromMilliseconds(100) || ClusterCheckinInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("Studenka:Reminders: MisfireThreshold and ClusterCheckinInterval must be at least 00:00:00.1.",
                [nameof(MisfireThreshold), nameof(ClusterCheckinInterval)]);
        }
    }
}
