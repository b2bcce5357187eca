using Xunit;

namespace XaiGrok.Onboarding.Tests.PostgreSql;

/// <summary>The tests that share one throwaway PostgreSQL server (<see cref="PostgresServer"/>), started once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
