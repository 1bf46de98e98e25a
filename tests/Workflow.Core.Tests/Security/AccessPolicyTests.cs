using FsCheck;
using FsCheck.Fluent;
using Workflow.Security;

namespace Workflow.Core.Tests.Security;

public class AccessPolicyTests
{
    private const string Own = "data-eng";
    private const string Other = "finance";

    // The whole table, written out by hand: role -> the actions allowed inside one's own group.
    private static readonly Dictionary<Role, AccessAction[]> AllowedInOwnGroup = new()
    {
        [Role.None] = [],
        [Role.Viewer] = [AccessAction.Read],
        [Role.Operator] =
        [
            AccessAction.Read, AccessAction.Trigger, AccessAction.Cancel, AccessAction.Rerun,
            AccessAction.AcknowledgeAlert, AccessAction.Enqueue, AccessAction.Suspend,
        ],
        [Role.Editor] = Enum.GetValues<AccessAction>(),
        [Role.Admin] = Enum.GetValues<AccessAction>(),
    };

    public static TheoryData<Role, AccessAction> EveryRoleAndAction()
    {
        var data = new TheoryData<Role, AccessAction>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var action in Enum.GetValues<AccessAction>())
            {
                data.Add(role, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndAction))]
    public void Inside_their_own_group_the_role_decides(Role role, AccessAction action)
    {
        var caller = Caller.Create("alice", [Own], [role]);

        var decision = AccessPolicy.Decide(caller, action, Own);

        var expected = AllowedInOwnGroup[role].Contains(action) ? AccessDecision.Allowed : AccessDecision.Forbidden;
        Assert.Equal(expected, decision);
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndAction))]
    public void Another_groups_things_are_hidden_except_from_admins(Role role, AccessAction action)
    {
        var caller = Caller.Create("alice", [Own], [role]);

        var decision = AccessPolicy.Decide(caller, action, Other);

        var expected = role == Role.Admin ? AccessDecision.Allowed
            : action == AccessAction.Create ? AccessDecision.Forbidden
            : AccessDecision.Hidden;
        Assert.Equal(expected, decision);
    }

    [Fact]
    public void Several_role_claims_act_as_the_highest()
    {
        var caller = Caller.Create("bob", [Own], [Role.Viewer, Role.Editor, Role.Operator]);

        Assert.Equal(Role.Editor, caller.Role);
        Assert.Equal(AccessDecision.Allowed, AccessPolicy.Decide(caller, AccessAction.Delete, Own));
    }

    [Fact]
    public void A_caller_without_groups_sees_nothing_but_an_admin_sees_everything()
    {
        var nobody = Caller.Create("carol", [], [Role.Editor]);
        var admin = Caller.Create("root", [], [Role.Admin]);

        Assert.False(AccessPolicy.CanSee(nobody, Own));
        Assert.True(AccessPolicy.CanSee(admin, Own));
        Assert.Null(admin.VisibleGroups);
        Assert.Empty(nobody.VisibleGroups!);
    }

    [Fact]
    public void Group_names_compare_exactly()
    {
        var caller = Caller.Create("alice", ["Data-Eng"], [Role.Editor]);

        Assert.Equal(AccessDecision.Hidden, AccessPolicy.Decide(caller, AccessAction.Read, "data-eng"));
    }

    [Theory]
    [InlineData(Role.Editor, Own, Own, AccessDecision.Allowed)]
    [InlineData(Role.Editor, Own, Other, AccessDecision.Forbidden)]
    [InlineData(Role.Operator, Own, Own, AccessDecision.Forbidden)]
    [InlineData(Role.Editor, Other, Own, AccessDecision.Hidden)]
    [InlineData(Role.Admin, Other, "anything", AccessDecision.Allowed)]
    public void Moving_a_pipeline_needs_update_rights_here_and_create_rights_there(Role role, string from, string to,
        AccessDecision expected)
    {
        var caller = Caller.Create("alice", [Own, "ops"], [role]);

        Assert.Equal(expected, AccessPolicy.DecideMove(caller, from, to));
    }

    [Fact]
    public void Moving_to_a_group_the_editor_also_belongs_to_is_allowed()
    {
        var caller = Caller.Create("alice", [Own, "ops"], [Role.Editor]);

        Assert.Equal(AccessDecision.Allowed, AccessPolicy.DecideMove(caller, Own, "ops"));
    }

    [Fact]
    public void A_higher_role_never_loses_a_right_and_non_members_never_gain_one()
    {
        var roles = Gen.Elements(Enum.GetValues<Role>());
        var actions = Gen.Elements(Enum.GetValues<AccessAction>());
        var groups = Gen.Elements("a", "b", "c").ArrayOf();
        var cases = from role in roles
                    from action in actions
                    from member in groups
                    from owner in Gen.Elements("a", "b", "c")
                    select (role, action, member, owner);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var caller = Caller.Create("u", c.member, [c.role]);
            var decision = AccessPolicy.Decide(caller, c.action, c.owner);
            var allowed = decision == AccessDecision.Allowed;
            var higher = Enum.GetValues<Role>().Where(r => r > c.role)
                .Select(r => AccessPolicy.Decide(Caller.Create("u", c.member, [r]), c.action, c.owner));
            var monotone = !allowed || higher.All(d => d == AccessDecision.Allowed);
            var isolated = caller.IsAdmin || c.member.Contains(c.owner) || !allowed;
            return monotone && isolated;
        }).QuickCheckThrowOnFailure();
    }
}
