using System.Reflection;
using System.Reflection.Emit;
using ClusterFunctions.Host.Worker;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// Turns the worker's function metadata into a class WebJobs can index, as the Functions host does: one static
/// method per function, named by <c>[FunctionName]</c>, its trigger and engine-resolved inputs as attributed
/// parameters, and a body that hands the bound values to <see cref="GeneratedFunctionEntry"/>. WebJobs and the
/// Durable extension then bind these methods exactly as they bind compiled ones.
/// </summary>
internal static class FunctionTypeGenerator
{
    /// <summary>The parameter name of a called function's trigger value (<see cref="CalledFunctionArguments"/>).</summary>
    public const string CallParameter = "call";

    /// <summary>The activity parameter bound from the trigger's binding data.</summary>
    public const string InstanceIdParameter = "instanceId";

    /// <summary>Where a function's engine inputs start in the arguments its generated method passes on.</summary>
    public static int FirstEngineInput(FunctionKind kind) => kind == FunctionKind.Activity ? 2 : 1;

    private static readonly MethodInfo CallEntry = typeof(GeneratedFunctionEntry).GetMethod(nameof(GeneratedFunctionEntry.CallAsync))!;
    private static readonly MethodInfo OrchestratorEntry = typeof(GeneratedFunctionEntry).GetMethod(nameof(GeneratedFunctionEntry.OrchestratorAsync))!;
    private static readonly MethodInfo ActivityEntry = typeof(GeneratedFunctionEntry).GetMethod(nameof(GeneratedFunctionEntry.ActivityAsync))!;

    /// <summary>Emits the class for <paramref name="functions"/>; the methods call back into the host registered as <paramref name="hostId"/>.</summary>
    public static Type Generate(string hostId, IReadOnlyList<HostedFunction> functions)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("ClusterFunctions.Host.Generated." + hostId), AssemblyBuilderAccess.RunAndCollect);
        ModuleBuilder module = assembly.DefineDynamicModule("Functions");
        TypeBuilder type = module.DefineType("WorkerFunctions", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        for (int index = 0; index < functions.Count; index++)
        {
            DefineMethod(type, $"Function{index}", hostId, functions[index]);
        }

        return type.CreateType();
    }

    private static void DefineMethod(TypeBuilder type, string methodName, string hostId, HostedFunction function)
    {
        (Type triggerType, MethodInfo entry) = function.Kind switch
        {
            FunctionKind.Orchestrator => (typeof(string), OrchestratorEntry),
            FunctionKind.Activity => (typeof(string), ActivityEntry),
            _ => (typeof(object), CallEntry),
        };
        // An activity also takes the orchestration's instance id from the trigger's binding data (a parameter named
        // instanceId, unattributed), which the worker gets as trigger metadata, as on the Functions host.
        Type[] bindingData = function.Kind == FunctionKind.Activity ? [typeof(string)] : [];
        Type[] parameters = [triggerType, .. bindingData, .. function.EngineInputs.Select(_ => typeof(string))];
        MethodBuilder method = type.DefineMethod(methodName, MethodAttributes.Public | MethodAttributes.Static, entry.ReturnType, parameters);
        method.SetCustomAttribute(Attribute<FunctionNameAttribute>([typeof(string)], [function.Name]));

        ParameterBuilder trigger = method.DefineParameter(1, ParameterAttributes.None, function.Kind == FunctionKind.Called ? CallParameter : "input");
        switch (function.Kind)
        {
            case FunctionKind.Orchestrator:
                trigger.SetCustomAttribute(Attribute<OrchestrationTriggerAttribute>([], [],
                    (nameof(OrchestrationTriggerAttribute.Orchestration), function.Name)));
                break;
            case FunctionKind.Activity:
                trigger.SetCustomAttribute(Attribute<ActivityTriggerAttribute>([], [],
                    (nameof(ActivityTriggerAttribute.Activity), function.Name)));
                break;
            default:
                // The host calls these itself (HTTP route, Service Bus listener) through JobHost.CallAsync.
                method.SetCustomAttribute(Attribute<NoAutomaticTriggerAttribute>([], []));
                break;
        }

        if (bindingData.Length > 0)
        {
            method.DefineParameter(2, ParameterAttributes.None, InstanceIdParameter);
        }

        for (int i = 0; i < function.EngineInputs.Count; i++)
        {
            WorkerBinding binding = function.EngineInputs[i];
            ParameterBuilder parameter = method.DefineParameter(i + 2 + bindingData.Length, ParameterAttributes.None, $"input{i}");
            var properties = new List<(string, object)>();
            if (binding.Property("taskHub") is { Length: > 0 } taskHub)
            {
                properties.Add((nameof(DurableClientAttribute.TaskHub), taskHub));
            }

            if (binding.Property("connectionName") is { Length: > 0 } connection)
            {
                properties.Add((nameof(DurableClientAttribute.ConnectionName), connection));
            }

            parameter.SetCustomAttribute(Attribute<DurableClientAttribute>([], [], [.. properties]));
        }

        // return GeneratedFunctionEntry.XAsync(hostId, functionName, new object[] { arg0, arg1, ... });
        ILGenerator il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, hostId);
        il.Emit(OpCodes.Ldstr, function.Name);
        il.Emit(OpCodes.Ldc_I4, parameters.Length);
        il.Emit(OpCodes.Newarr, typeof(object));
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg, i);
            il.Emit(OpCodes.Stelem_Ref);
        }

        il.Emit(OpCodes.Call, entry);
        il.Emit(OpCodes.Ret);
    }

    private static CustomAttributeBuilder Attribute<T>(Type[] constructorTypes, object[] constructorArguments,
        params (string Name, object Value)[] properties)
    {
        ConstructorInfo constructor = typeof(T).GetConstructor(constructorTypes)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no such constructor");
        PropertyInfo[] setters = properties.Select(p => typeof(T).GetProperty(p.Name)!).ToArray();
        return new CustomAttributeBuilder(constructor, constructorArguments, setters, properties.Select(p => p.Value).ToArray());
    }
}
