using System.Collections.Concurrent;
using System.Reflection;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Fills a typed Pulumi args class (e.g. ServiceArgs) from a manifest map through the args' <see cref="InputAttribute"/>
/// names, so every kind the Kubernetes SDK knows is registered typed without a hand-written mapping per kind.
/// A field the args class has no input for fails loudly: nothing in the plan is dropped silently.
/// </summary>
internal static class ArgsBinder
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, MemberInfo>> Inputs = new();

    /// <summary>Builds an args object of <paramref name="argsType"/> from <paramref name="map"/>.</summary>
    /// <param name="argsType">A <see cref="ResourceArgs"/> subclass.</param>
    /// <param name="map">The manifest (or a nested map).</param>
    /// <param name="context">Resolver and secrecy for this object.</param>
    /// <param name="path">Where in the manifest, for messages.</param>
    public static object Bind(Type argsType, MapValue map, BindContext context, string path)
    {
        var args = Activator.CreateInstance(argsType)!;
        var members = Inputs.GetOrAdd(argsType, InputMembers);
        foreach (var (key, value) in map.Entries)
        {
            if (!members.TryGetValue(key, out var member))
            {
                throw new InvalidOperationException($"{context.Describe}: field '{path}{key}' has no input on {argsType.Name}; MeshStack.Components cannot register it typed");
            }

            var memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
            var input = ToInput(memberType, value, context with { Secret = context.Secret || context.IsSecretField(path + key) }, $"{path}{key}.");
            if (member is PropertyInfo property)
            {
                property.SetValue(args, input);
            }
            else
            {
                ((FieldInfo)member).SetValue(args, input);
            }
        }

        return args;
    }

    private static Dictionary<string, MemberInfo> InputMembers(Type type)
    {
        var result = new Dictionary<string, MemberInfo>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var member in t.GetProperties(flags).Cast<MemberInfo>().Concat(t.GetFields(flags)))
            {
                if (member.CustomAttributes.FirstOrDefault(a => a.AttributeType == typeof(InputAttribute))?.ConstructorArguments[0].Value is string inputName)
                {
                    result.TryAdd(inputName, member);
                }
            }
        }

        return result;
    }

    // Input<T>, InputList<T> or InputMap<T> from a value.
    private static object ToInput(Type inputType, Value value, BindContext context, string path)
    {
        var definition = inputType.IsGenericType ? inputType.GetGenericTypeDefinition() : null;
        var element = definition is null ? null : inputType.GetGenericArguments()[0];
        if (definition == typeof(Input<>))
        {
            return Generic(nameof(MakeInput), element!).Invoke(null, [Element(element!, value, context, path)])!;
        }

        if (definition == typeof(InputList<>) && value is ListValue list)
        {
            var items = list.Items.Select((item, i) => Element(element!, item, context, $"{path}{i}.")).ToList();
            return Generic(nameof(MakeList), element!).Invoke(null, [items])!;
        }

        if (definition == typeof(InputMap<>) && value is MapValue map)
        {
            var entries = map.Entries.Select(e => KeyValuePair.Create(e.Key, Element(element!, e.Value, context, path + e.Key))).ToList();
            return Generic(nameof(MakeMap), element!).Invoke(null, [entries])!;
        }

        if (definition == typeof(InputUnion<,>) && value is Scalar scalar)
        {
            return Union(inputType, scalar) ?? throw Mismatch(context, path, inputType, value);
        }

        throw Mismatch(context, path, inputType, value);
    }

    // InputUnion<A, B> (e.g. int-or-string targetPort) through its implicit conversion from the matching side.
    private static object? Union(Type inputType, Scalar scalar)
    {
        var sides = inputType.GetGenericArguments();
        object? raw = scalar.Content switch
        {
            long n when sides.Contains(typeof(int)) => (int)n,
            string text when sides.Contains(typeof(string)) => text,
            _ => null,
        };
        var conversion = raw is null ? null : inputType
            .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .FirstOrDefault(m => m.Name == "op_Implicit" && m.GetParameters()[0].ParameterType == raw.GetType());
        return conversion?.Invoke(null, [raw]);
    }

    // A T or an Output<T> for one element.
    private static object Element(Type type, Value value, BindContext context, string path)
    {
        if (ValueConverter.ToText(value, context.Resolver) is { } text)
        {
            var output = context.Secret ? Output.CreateSecret(text) : text;
            return type == typeof(string) ? output
                : type == typeof(object) ? output.Apply(s => (object)s)
                : type == typeof(Union<int, string>) ? output.Apply(Union<int, string>.FromT1)
                : throw Mismatch(context, path, type, value);
        }

        object plain = (type, value) switch
        {
            (_, MapValue map) when typeof(ResourceArgs).IsAssignableFrom(type) => Bind(type, map, context, path),
            (_, _) when type == typeof(object) => ValueConverter.ToObject(value, context.Resolver),
            (_, Scalar { Content: string s }) when type == typeof(string) => s,
            (_, Scalar { Content: long n }) when type == typeof(int) => checked((int)n),
            (_, Scalar { Content: long n }) when type == typeof(double) => (double)n,
            (_, Scalar { Content: bool b }) when type == typeof(bool) => b,
            (_, Scalar { Content: long n }) when type == typeof(Union<int, string>) => Union<int, string>.FromT0(checked((int)n)),
            (_, Scalar { Content: string s }) when type == typeof(Union<int, string>) => Union<int, string>.FromT1(s),
            _ => throw Mismatch(context, path, type, value),
        };
        return context.Secret && plain is string secretText ? Output.CreateSecret(secretText) : plain;
    }

    private static InvalidOperationException Mismatch(BindContext context, string path, Type type, Value value) =>
        new($"{context.Describe}: field '{path.TrimEnd('.')}' is a {value.GetType().Name} but the Pulumi input is {type.Name}");

    private static MethodInfo Generic(string name, Type element) =>
        typeof(ArgsBinder).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element);

    private static Input<T> MakeInput<T>(object value) => value switch
    {
        Output<T> output => output,
        T plain => plain,
        _ => throw new InvalidOperationException($"expected {typeof(T).Name}, got {value.GetType().Name}"),
    };

    private static InputList<T> MakeList<T>(List<object> items)
    {
        var list = new InputList<T>();
        foreach (var item in items)
        {
            list.Add(MakeInput<T>(item));
        }

        return list;
    }

    private static InputMap<T> MakeMap<T>(List<KeyValuePair<string, object>> entries)
    {
        var map = new InputMap<T>();
        foreach (var (key, item) in entries)
        {
            map.Add(key, MakeInput<T>(item));
        }

        return map;
    }
}

/// <summary>What binding one object needs: the resolver, whether values are secret, and a name for messages.</summary>
internal sealed record BindContext(DeployValueOutputs Resolver, string Describe, bool Secret, bool SecretObject)
{
    /// <summary>In a secret object (the cacerts Secret), every data and stringData value is key material.</summary>
    public bool IsSecretField(string path) => SecretObject && path is "data" or "stringData";
}
