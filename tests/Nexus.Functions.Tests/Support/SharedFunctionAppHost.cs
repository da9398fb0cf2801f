using Xunit;

[assembly: AssemblyFixture(typeof(Nexus.Functions.Tests.Support.FunctionAppHost))]
