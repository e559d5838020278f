using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Admission;
using ClusterFunctions.LocalCloud.Kubernetes.Apply;
using ClusterFunctions.LocalCloud.Kubernetes.Controllers;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// The write path: create, update, merge patch, server-side apply and delete, each as one atomic
/// read-modify-write under the store lock with kube-apiserver's checks (existence, namespace,
/// resourceVersion preconditions, field ownership, admission) and no write for a no-op.
/// </summary>
internal sealed class ObjectWriter(ObjectStore store, ValidatingAdmissionPolicies policies, TimeProvider time)
{
    public (int Code, JsonObject Body) Create(ResourcePath path, JsonObject body, WriteOptions options)
    {
        var type = path.Type;
        WriteChecks.CheckKind(type, body, required: false);
        var metadata = WriteChecks.Metadata(body);
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (string.IsNullOrEmpty(name))
        {
            throw StatusErrors.Invalid(type, "", "metadata.name", "Required value: name or generateName is required");
        }

        metadata["name"] = name;
        WriteChecks.SetNamespace(path, metadata);
        lock (store.SyncRoot)
        {
            RequireNamespace(path);
            if (store.Get(type, path.Namespace, name) is not null)
            {
                throw StatusErrors.AlreadyExists(type, name);
            }

            FieldManagement.RecordUpdate(null, body, options.Manager, type.GroupVersion, Now());
            return (201, Commit(type, null, body, options));
        }
    }

    public (int Code, JsonObject Body) Update(ResourcePath path, JsonObject body, WriteOptions options)
    {
        var type = path.Type;
        WriteChecks.CheckKind(type, body, required: false);
        var metadata = WriteChecks.Metadata(body);
        WriteChecks.CheckName(path, metadata);
        WriteChecks.SetNamespace(path, metadata);
        lock (store.SyncRoot)
        {
            var live = store.Get(type, path.Namespace, path.Name!) ?? throw StatusErrors.NotFound(type, path.Name!);
            WriteChecks.CheckResourceVersion(type, path.Name!, metadata, live);
            body["metadata"]!.AsObject()["managedFields"] = live["metadata"]?["managedFields"]?.DeepClone();
            FieldManagement.RecordUpdate(live, body, options.Manager, type.GroupVersion, Now());
            return (200, Commit(type, live, body, options));
        }
    }

    public (int Code, JsonObject Body) MergePatch(ResourcePath path, JsonObject patch, WriteOptions options, bool strategic) =>
        Patch(path, options, live =>
        {
            var updated = (JsonObject)live.DeepClone();
            if (strategic)
            {
                StrategicMergePatch.Apply(updated, patch);
            }
            else
            {
                JsonPaths.MergePatch(updated, patch);
            }

            return updated;
        });

    /// <summary>An RFC 6902 patch: a failing operation is 422 naming it, a result that is not an object 422 too.</summary>
    public (int Code, JsonObject Body) ApplyJsonPatch(ResourcePath path, IReadOnlyList<JsonObject> operations, WriteOptions options) =>
        Patch(path, options, live =>
        {
            try
            {
                return JsonPatchDocument.Apply(live, operations) as JsonObject
                    ?? throw new JsonPatchException("the patched document is not an object");
            }
            catch (JsonPatchException e)
            {
                throw StatusErrors.Invalid(path.Type, path.Name!, e.Path ?? "", e.Message);
            }
        });

    private (int Code, JsonObject Body) Patch(ResourcePath path, WriteOptions options, Func<JsonObject, JsonObject> patch)
    {
        var type = path.Type;
        lock (store.SyncRoot)
        {
            var live = store.Get(type, path.Namespace, path.Name!) ?? throw StatusErrors.NotFound(type, path.Name!);
            var updated = patch(live);

            // A resourceVersion the patch sets (or leaves) that differs from the live one is a precondition, as in kube-apiserver.
            WriteChecks.CheckResourceVersion(type, path.Name!, WriteChecks.Metadata(updated), live);
            WriteChecks.Metadata(updated)["name"] = path.Name;
            WriteChecks.SetNamespace(path, WriteChecks.Metadata(updated));
            FieldManagement.RecordUpdate(live, updated, options.Manager, type.GroupVersion, Now());
            return (200, Commit(type, live, updated, options));
        }
    }

    public (int Code, JsonObject Body) Apply(ResourcePath path, JsonObject body, WriteOptions options, bool force)
    {
        var type = path.Type;
        WriteChecks.CheckKind(type, body, required: true);
        var metadata = WriteChecks.Metadata(body);
        WriteChecks.CheckName(path, metadata);
        WriteChecks.SetNamespace(path, metadata);
        lock (store.SyncRoot)
        {
            var live = store.Get(type, path.Namespace, path.Name!);
            if (live is null)
            {
                RequireNamespace(path);
            }
            else if (metadata["resourceVersion"] is not null)
            {
                WriteChecks.CheckResourceVersion(type, path.Name!, metadata, live);
            }

            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
            JsonObject merged;
            try
            {
                merged = FieldManagement.Apply(live, body, options.Manager, force, type.GroupVersion, Now());
            }
            catch (FieldConflictException e)
            {
                throw ConflictErrors.ForApply(type, path.Name!, e.Conflicts);
            }

            return (live is null ? 201 : 200, Commit(type, live, merged, options));
        }
    }

    public (int Code, JsonObject Body) Delete(ResourcePath path, WriteOptions options, DeleteOptions delete)
    {
        var type = path.Type;
        lock (store.SyncRoot)
        {
            var live = store.Get(type, path.Namespace, path.Name!) ?? throw StatusErrors.NotFound(type, path.Name!);
            CheckPreconditions(type, live, delete);
            return (200, Remove(type, live, options));
        }
    }

    /// <summary>Deletes every object of the collection the selectors match, each admitted as its own DELETE; returns them as a list.</summary>
    public (int Code, JsonObject Body) DeleteCollection(ResourcePath path, Func<JsonObject, bool> matches, WriteOptions options)
    {
        var type = path.Type;
        lock (store.SyncRoot)
        {
            var (items, revision) = store.List(type, path.Namespace);
            var deleted = new JsonArray();
            foreach (var live in items.Where(matches))
            {
                deleted.Add(Remove(type, live, options).DeepClone());
            }

            return (200, new JsonObject
            {
                ["kind"] = type.Kind + "List",
                ["apiVersion"] = type.GroupVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = (options.DryRun ? revision : store.Revision).ToString(CultureInfo.InvariantCulture) },
                ["items"] = deleted,
            });
        }
    }

    private JsonObject Remove(ResourceType type, JsonObject live, WriteOptions options)
    {
        var ns = live["metadata"]?["namespace"]?.GetValue<string>();
        var name = live["metadata"]!["name"]!.GetValue<string>();
        policies.Admit(new AdmissionRequest("DELETE", type, ns, name, null, live, options.User, options.DryRun));
        if (options.DryRun)
        {
            return live;
        }

        if (type.Kind == "Namespace")
        {
            foreach (var namespaced in ResourceTypes.All.Where(t => t.Namespaced && t.Stored))
            {
                foreach (var item in store.List(namespaced, name).Items)
                {
                    store.Delete(namespaced, name, item["metadata"]!["name"]!.GetValue<string>());
                }
            }
        }

        return store.Delete(type, ns, name)!;
    }

    private static void CheckPreconditions(ResourceType type, JsonObject live, DeleteOptions delete)
    {
        var name = live["metadata"]!["name"]!.GetValue<string>();
        var uid = live["metadata"]?["uid"]?.GetValue<string>();
        var resourceVersion = live["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (delete.Uid is { } expectedUid && expectedUid != uid)
        {
            throw StatusErrors.PreconditionFailed(type, name, $"UID in precondition: {expectedUid}, UID in object meta: {uid}");
        }

        if (delete.ResourceVersion is { } expectedVersion && expectedVersion != resourceVersion)
        {
            throw StatusErrors.PreconditionFailed(type, name, $"ResourceVersion in precondition: {expectedVersion}, ResourceVersion in object meta: {resourceVersion}");
        }
    }

    private JsonObject Commit(ResourceType type, JsonObject? live, JsonObject candidate, WriteOptions options)
    {
        var metadata = WriteChecks.Metadata(candidate);
        candidate["apiVersion"] = type.GroupVersion;
        candidate["kind"] = type.Kind;
        if (live is null)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata["generation"] = 1L;
            metadata.Remove("resourceVersion");
            candidate.Remove("status");
            if (type.Kind == "Namespace")
            {
                var labels = metadata["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = metadata["name"]!.GetValue<string>();
                metadata["labels"] = labels;
                candidate["status"] = new JsonObject { ["phase"] = "Active" };
            }
        }
        else
        {
            var liveMetadata = WriteChecks.Metadata(live);
            foreach (var key in new[] { "uid", "creationTimestamp", "resourceVersion", "generation" })
            {
                metadata[key] = liveMetadata[key]?.DeepClone();
            }

            candidate["status"] = live["status"]?.DeepClone();
            if (candidate["status"] is null)
            {
                candidate.Remove("status");
            }

            if (!JsonPaths.Same(WriteChecks.WithoutMetadataAndStatus(live), WriteChecks.WithoutMetadataAndStatus(candidate)))
            {
                metadata["generation"] = (liveMetadata["generation"]?.GetValue<long>() ?? 1) + 1;
            }

        }

        if (type.Kind == "Secret")
        {
            WriteChecks.MoveStringData(candidate);
        }

        var name = metadata["name"]!.GetValue<string>();
        var ns = metadata["namespace"]?.GetValue<string>();
        PodSpecChecks.Check(type, name, candidate);
        if (type.Kind == "Pod")
        {
            var refusal = PodSecurityEvaluator.Evaluate(store.Get(ResourceTypes.Namespaces, null, ns!), candidate["spec"] as JsonObject ?? []);
            if (refusal is not null)
            {
                throw StatusErrors.Forbidden(type, name, refusal);
            }
        }

        // Admission runs before the no-op check, as in kube-apiserver: an unchanged re-apply of a
        // protected object is still an UPDATE that a policy may refuse.
        policies.Admit(new AdmissionRequest(live is null ? "CREATE" : "UPDATE", type, ns, name, candidate, live, options.User, options.DryRun));
        if (live is not null && JsonPaths.Same(live, candidate))
        {
            return live;
        }

        return options.DryRun ? candidate : store.Put(type, candidate);
    }

    private void RequireNamespace(ResourcePath path)
    {
        if (path.Type.Namespaced && store.Get(ResourceTypes.Namespaces, null, path.Namespace!) is null)
        {
            throw StatusErrors.NamespaceNotFound(path.Namespace!);
        }
    }

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
