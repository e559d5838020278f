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
}
