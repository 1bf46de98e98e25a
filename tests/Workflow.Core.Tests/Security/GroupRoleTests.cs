using FsCheck;
using FsCheck.Fluent;
using Workflow.Security;

namespace Workflow.Core.Tests.Security;

/// <summary>Roles held in one group only (<c>data-eng:editor</c>) beside bare roles, which hold in every group.</summary>
public class GroupRoleTests
{
    [Theory]
    [InlineData("editor", null, Role.Editor)]
    [InlineData(" Operator ", null, Role.Operator)]
    [InlineData("data-eng:editor", "data-eng", Role.Editor)]
    [InlineData("Data-Eng:VIEWER", "Data-Eng", Role.Viewer)]
    [InlineData("org:team:admin", "org:team", Role.Admin)]
    public void A_role_claim_is_a_bare_role_or_a_group_and_a_role(string text, string? group, Role role)
    {
        Assert.True(RoleClaim.TryParse(text, out var claim));
        Assert.Equal(new RoleClaim(group, role), claim);
    }

    [Theory]
    [InlineData("")]
    [InlineData("owner")]
    [InlineData(":editor")]
    [InlineData("data-eng:")]
    [InlineData("data-eng:none")]
    public void Text_that_names_no_role_is_not_a_role_claim(string text) =>
        Assert.False(RoleClaim.TryParse(text, out _));

    [Fact]
    public void An_editor_in_one_group_and_a_viewer_in_another_acts_as_each_in_each_and_sees_nothing_else()
    {
        var caller = Caller.Create("alice", [], [], [new("data-eng", Role.Editor), new("ops", Role.Viewer)]);

        Assert.Equal(AccessDecision.Allowed, AccessPolicy.Decide(caller, AccessAction.Update, "data-eng"));
        Assert.Equal(AccessDecision.Allowed, AccessPolicy.Decide(caller, AccessAction.Read, "ops"));
        Assert.Equal(AccessDecision.Forbidden, AccessPolicy.Decide(caller, AccessAction.Trigger, "ops"));
        Assert.Equal(AccessDecision.Hidden, AccessPolicy.Decide(caller, AccessAction.Read, "finance"));
        Assert.Equal(["data-eng", "ops"], caller.VisibleGroups!.Order());
    }

    [Fact]
    public void A_group_role_raises_a_bare_role_in_its_group_only_and_a_group_admin_is_no_admin_elsewhere()
    {
        var caller = Caller.Create("bob", ["data-eng", "ops"], [Role.Viewer],
            [new("ops", Role.Operator), new("finance", Role.Admin)]);

        Assert.Equal(Role.Viewer, caller.RoleIn("data-eng"));
        Assert.Equal(Role.Operator, caller.RoleIn("ops"));
        Assert.Equal(Role.Admin, caller.RoleIn("finance"));
        Assert.False(caller.IsAdmin);
        Assert.Equal(AccessDecision.Hidden, AccessPolicy.Decide(caller, AccessAction.Read, "hr"));
    }

    [Fact]
    public void A_group_role_never_allows_anything_in_a_group_it_does_not_name_unless_a_bare_role_does()
    {
        var roles = Gen.Elements(Enum.GetValues<Role>().Where(r => r != Role.Admin).ToArray());
        var names = Gen.Elements("a", "b", "c");
        var groupRole = from name in names from role in roles select (Group: name, Role: role);
        var cases = from bare in roles
                    from member in names.ArrayOf()
                    from scoped in groupRole.ArrayOf()
                    from action in Gen.Elements(Enum.GetValues<AccessAction>())
                    from owner in names
                    select (bare, member, scoped, action, owner);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var caller = Caller.Create("u", c.member, [c.bare],
                c.scoped.Select(s => KeyValuePair.Create(s.Group, s.Role)));
            var withoutScoped = Caller.Create("u", c.member, [c.bare]);
            var allowed = AccessPolicy.Decide(caller, c.action, c.owner) == AccessDecision.Allowed;
            var namesOwner = c.scoped.Any(s => s.Group == c.owner);
            var bareAllows = AccessPolicy.Decide(withoutScoped, c.action, c.owner) == AccessDecision.Allowed;
            return !allowed || namesOwner || bareAllows;
        }).QuickCheckThrowOnFailure();
    }
}
