using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Apply;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Apply;

public sealed class FieldManagementTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Base = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d","labels":{"a":"1"}},"data":{"x":"1","y":"2"}}""";

    [Fact]
    public void Apply_TwoManagersSameValue_ShareOwnershipWithoutConflict()
    {
        var live = FieldManagement.Apply(null, Obj(Base), "one", force: false, "v1", "t0");

        var result = FieldManagement.Apply(live, Obj(Base), "two", force: false, "v1", "t1");

        var managers = ManagedFieldsEntry.Read(result).Select(e => e.Manager).Order();
        Assert.Equal(["one", "two"], managers);
    }

    [Fact]
    public void Apply_ManagerStopsApplyingFieldSharedWithAnother_KeepsTheField()
    {
        var live = FieldManagement.Apply(null, Obj(Base), "one", force: false, "v1", "t0");
        live = FieldManagement.Apply(live, Obj(Base), "two", force: false, "v1", "t1");
        var smaller = Obj(Base);
        smaller["data"]!.AsObject().Remove("y");

        var result = FieldManagement.Apply(live, smaller, "one", force: false, "v1", "t2");

        Assert.Equal("2", result["data"]!["y"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_ForcedConflict_MovesOwnershipToTheNewManager()
    {
        var live = FieldManagement.Apply(null, Obj(Base), "one", force: false, "v1", "t0");
        var changed = Obj(Base);
        changed["data"]!["x"] = "9";

        var result = FieldManagement.Apply(live, changed, "two", force: true, "v1", "t1");

        var one = ManagedFieldsEntry.Read(result).Single(e => e.Manager == "one");
        Assert.DoesNotContain(one.Fields.Paths, p => FieldSet.Display(p) == ".data.x");
        Assert.Equal("9", result["data"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public void RecordUpdate_ChangedField_MovesFromApplierToUpdater()
    {
        var live = FieldManagement.Apply(null, Obj(Base), "applier", force: false, "v1", "t0");
        var updated = (JsonObject)live.DeepClone();
        updated["data"]!["x"] = "changed";

        FieldManagement.RecordUpdate(live, updated, "kubectl-edit", "v1", "t1");

        var entries = ManagedFieldsEntry.Read(updated);
        Assert.Contains(entries.Single(e => e.Manager == "kubectl-edit").Fields.Paths, p => FieldSet.Display(p) == ".data.x");
        Assert.DoesNotContain(entries.Single(e => e.Manager == "applier").Fields.Paths, p => FieldSet.Display(p) == ".data.x");
        Assert.Equal("Update", entries.Single(e => e.Manager == "kubectl-edit").Operation);
    }

    [Fact]
    public void FieldSet_FieldsV1RoundTrip_KeepsEveryPath()
    {
        var fields = FieldSet.FromObject(Obj(Base));

        var back = FieldSet.FromFieldsV1(fields.ToFieldsV1());

        Assert.True(fields.SetEquals(back));
        Assert.Equal([".data.x", ".data.y", ".metadata.labels.a"], fields.Paths.Select(FieldSet.Display).Order());
    }

    private static JsonObject Deployment(params string[] containers) => Obj(
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"d"},"spec":{"template":{"spec":{"containers":["""
        + string.Join(",", containers) + "]}}}}");

    private const string Web = """{"name":"web","image":"nginx:1"}""";
    private const string Side = """{"name":"side","image":"busybox:1"}""";

    [Fact]
    public void Apply_ManagersOwningDifferentContainers_KeepBothWithoutConflict()
    {
        var live = FieldManagement.Apply(null, Deployment(Web), "product", force: false, "apps/v1", "t0");

        var result = FieldManagement.Apply(live, Deployment(Side), "injector", force: false, "apps/v1", "t1");

        var names = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["web", "side"], names);
    }

    [Fact]
    public void Apply_OtherManagerChangesImageOfOwnedContainer_ConflictNamesTheKeyedPath()
    {
        var live = FieldManagement.Apply(null, Deployment(Web), "product", force: false, "apps/v1", "t0");

        var error = Assert.Throws<FieldConflictException>(
            () => FieldManagement.Apply(live, Deployment("""{"name":"web","image":"nginx:2"}"""), "someone", force: false, "apps/v1", "t1"));

        Assert.Equal([".spec.template.spec.containers[name=\"web\"].image"], error.Conflicts.Select(c => FieldSet.Display(c.Path)));
    }

    [Fact]
    public void Apply_ManagerStopsApplyingOneContainer_RemovesOnlyThatItem()
    {
        var live = FieldManagement.Apply(null, Deployment(Web, Side), "product", force: false, "apps/v1", "t0");

        var result = FieldManagement.Apply(live, Deployment(Web), "product", force: false, "apps/v1", "t1");

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal("web", Assert.Single(containers)!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_KeyedList_RecordsItemKeysAndMarkersInFieldsV1()
    {
        var result = FieldManagement.Apply(null, Deployment(Web), "product", force: false, "apps/v1", "t0");

        var fields = result["metadata"]!["managedFields"]![0]!["fieldsV1"]!;
        var item = fields["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"web\"}"]!;
        Assert.NotNull(item["."]);
        Assert.NotNull(item["f:image"]);
    }
}
