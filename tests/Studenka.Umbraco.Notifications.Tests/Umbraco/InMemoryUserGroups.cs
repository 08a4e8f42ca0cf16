using global::Umbraco.Cms.Core;
using global::Umbraco.Cms.Core.Exceptions;
using global::Umbraco.Cms.Core.Models;
using global::Umbraco.Cms.Core.Models.Membership;
using global::Umbraco.Cms.Core.Semver;
using global::Umbraco.Cms.Core.Services;
using global::Umbraco.Cms.Core.Services.OperationStatus;
using global::Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Tests.Umbraco;

/// <summary>
/// Umbraco's user group store held in memory, keeping the contract the start-up step relies on:
/// aliases are unique (a second create is <see cref="UserGroupOperationStatus.DuplicateAlias"/>),
/// updates need an existing group. Every create and update is counted.
/// </summary>
internal sealed class InMemoryUserGroups : IUserGroupService
{
    private readonly List<IUserGroup> _groups = [];

    public int Creates { get; private set; }

    public int Updates { get; private set; }

    public IReadOnlyList<IUserGroup> All => _groups;

    public void Add(IUserGroup group) => _groups.Add(group);

    public Task<IUserGroup?> GetAsync(string alias) => Task.FromResult(_groups.FirstOrDefault(g => string.Equals(g.Alias, alias, StringComparison.OrdinalIgnoreCase)));

    public Task<IUserGroup?> GetAsync(int id) => Task.FromResult(_groups.FirstOrDefault(g => g.Id == id));

    public Task<IUserGroup?> GetAsync(Guid key) => Task.FromResult(_groups.FirstOrDefault(g => g.Key == key));

    public Task<IEnumerable<IUserGroup>> GetAsync(params int[] ids) => Task.FromResult(_groups.Where(g => ids.Contains(g.Id)));

    public Task<IEnumerable<IUserGroup>> GetAsync(params string[] aliases) => Task.FromResult(_groups.Where(g => aliases.Contains(g.Alias, StringComparer.OrdinalIgnoreCase)));

    public Task<IEnumerable<IUserGroup>> GetAsync(IEnumerable<Guid> keys) => Task.FromResult(_groups.Where(g => keys.Contains(g.Key)));

    public Task<PagedModel<IUserGroup>> GetAllAsync(int skip, int take) => Task.FromResult(new PagedModel<IUserGroup>(_groups.Count, _groups.Skip(skip).Take(take)));

    public Task<Attempt<IUserGroup, UserGroupOperationStatus>> CreateAsync(IUserGroup userGroup, Guid userKey, Guid[]? groupMembersKeys = null)
    {
        if (_groups.Any(g => string.Equals(g.Alias, userGroup.Alias, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(Attempt.FailWithStatus(UserGroupOperationStatus.DuplicateAlias, userGroup));
        }

        Creates++;
        userGroup.Id = _groups.Count + 1;
        _groups.Add(userGroup);
        return Task.FromResult(Attempt.SucceedWithStatus(UserGroupOperationStatus.Success, userGroup));
    }

    public Task<Attempt<IUserGroup, UserGroupOperationStatus>> UpdateAsync(IUserGroup userGroup, Guid userKey)
    {
        var index = _groups.FindIndex(g => g.Key == userGroup.Key);
        if (index < 0)
        {
            return Task.FromResult(Attempt.FailWithStatus(UserGroupOperationStatus.NotFound, userGroup));
        }

        Updates++;
        _groups[index] = userGroup;
        return Task.FromResult(Attempt.SucceedWithStatus(UserGroupOperationStatus.Success, userGroup));
    }

    public Task<Attempt<PagedModel<IUserGroup>, UserGroupOperationStatus>> FilterAsync(Guid userKey, string? filter, int skip, int take) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> DeleteAsync(ISet<Guid> userGroupKeys) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> DeleteAsync(Guid userGroupKey) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> UpdateUserGroupsOnUsersAsync(ISet<Guid> userGroupKeys, ISet<Guid> userKeys) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> UpdateUserGroupsOnUsersAsync(ISet<Guid> userGroupKeys, ISet<Guid> userKeys, Guid performingUserKey) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> AddUsersToUserGroupAsync(UsersToUserGroupManipulationModel addUsersModel, Guid performingUserKey) => throw new NotSupportedException();

    public Task<Attempt<UserGroupOperationStatus>> RemoveUsersFromUserGroupAsync(UsersToUserGroupManipulationModel removeUsersModel, Guid performingUserKey) => throw new NotSupportedException();
}

/// <summary>Umbraco's key-value table in memory.</summary>
internal sealed class InMemoryKeyValues : IKeyValueService
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? GetValue(string key) => Values.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, string?>? FindByKeyPrefix(string keyPrefix) =>
        Values.Where(v => v.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToDictionary(v => v.Key, v => (string?)v.Value);

    public void SetValue(string key, string value) => Values[key] = value;

    public void SetValue(string key, string originValue, string newValue)
    {
        if (!TrySetValue(key, originValue, newValue))
        {
            throw new InvalidOperationException("The value changed.");
        }
    }

    public bool TrySetValue(string key, string originValue, string newValue)
    {
        if (GetValue(key) != originValue)
        {
            return false;
        }

        Values[key] = newValue;
        return true;
    }
}

internal sealed class FixedRuntimeState(RuntimeLevel level) : IRuntimeState
{
    public Version Version => new(17, 8, 1);

    public string VersionComment => "";

    public SemVersion SemanticVersion => new(17, 8, 1);

    public RuntimeLevel Level { get; } = level;

    public RuntimeLevelReason Reason => RuntimeLevelReason.Run;

    public string? CurrentMigrationState => null;

    public string? FinalMigrationState => null;

    public SemVersion? CurrentMigrationVersion => null;

    public BootFailedException? BootFailedException => null;

    public IReadOnlyDictionary<string, object> StartupState { get; } = new Dictionary<string, object>();

    public void DetermineRuntimeLevel()
    {
    }

    public void Configure(RuntimeLevel level, RuntimeLevelReason reason, Exception? bootFailedException = null)
    {
    }
}

internal sealed class FixedServerRole(ServerRole role) : IServerRoleAccessor
{
    public ServerRole CurrentServerRole { get; } = role;
}
