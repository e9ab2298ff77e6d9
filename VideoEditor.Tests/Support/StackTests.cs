using System.Reflection;

namespace VideoEditor.Tests.Support;

/// <summary>
/// Which tests run on a stack (a <see cref="StackFixture"/>). They carry the trait <c>Category=Stack</c>, which
/// <c>./test.sh --fast</c> leaves out; <c>Stack/StackMarkTests</c> fails for a stack test that lacks it.
/// </summary>
public static class StackTests
{
    public const string TraitName = "Category";
    public const string TraitValue = "Stack";

    /// <summary>Whether the tests of a collection definition get a stack.</summary>
    public static bool IsStackCollection(Type? definition) =>
        definition is not null && FixturesOf(definition, typeof(ICollectionFixture<>)).Any(IsStackFixture);

    /// <summary>Whether a test class runs on a stack: it takes one, or it belongs to a collection that starts one.</summary>
    public static bool UsesStack(Type testClass) =>
        testClass.GetConstructors().SelectMany(constructor => constructor.GetParameters()).Any(parameter => IsStackFixture(parameter.ParameterType)) ||
        FixturesOf(testClass, typeof(IClassFixture<>)).Any(IsStackFixture) ||
        IsStackCollection(CollectionDefinition(testClass));

    public static bool IsMarked(Type testClass) =>
        testClass.GetCustomAttributesData().Any(attribute =>
            attribute.AttributeType == typeof(TraitAttribute) &&
            attribute.ConstructorArguments.Select(argument => argument.Value).SequenceEqual([TraitName, TraitValue]));

    private static bool IsStackFixture(Type type) => type.IsAssignableTo(typeof(StackFixture));

    private static IEnumerable<Type> FixturesOf(Type type, Type fixtureInterface) =>
        type.GetInterfaces()
            .Where(implemented => implemented.IsGenericType && implemented.GetGenericTypeDefinition() == fixtureInterface)
            .Select(implemented => implemented.GetGenericArguments()[0]);

    /// <summary>The definition of the collection a test class names in its <c>[Collection]</c>, if any.</summary>
    private static Type? CollectionDefinition(Type testClass)
    {
        var name = testClass.GetCustomAttributesData()
            .SingleOrDefault(attribute => attribute.AttributeType == typeof(CollectionAttribute))?
            .ConstructorArguments[0].Value as string;
        return name is null
            ? null
            : testClass.Assembly.GetTypes().SingleOrDefault(type =>
                type.GetCustomAttribute<CollectionDefinitionAttribute>() is not null &&
                type.GetCustomAttributesData().Single(attribute => attribute.AttributeType == typeof(CollectionDefinitionAttribute)).ConstructorArguments[0].Value as string == name);
    }
}
